import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { StationKind } from '#persistence/index.js';
import { IsCalendarDay } from '../http/date-time.validators.js';

const KINDS: StationKind[] = ['ip-cluster', 'commune-radio', 'district-radio'];

export class StationFieldsDto {
  @ApiProperty({ example: 'Cụm loa thôn Đông' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: KINDS, enumName: 'StationKind', description: 'IP loudspeaker cluster, commune or district radio station' })
  @IsIn(KINDS)
  kind!: StationKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hanet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vendor: string | null = null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Nhà văn hóa thôn Đông' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location: string | null = null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Villages (units inside the station unit) the station is heard in' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  villageIds: string[] = [];

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Group whose slots the station also airs' })
  @IsOptional()
  @IsUUID()
  groupId: string | null = null;
}

export class CreateStationDto extends StationFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Unit the station belongs to; defaults to the caller's unit" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class CreateGroupDto {
  @ApiProperty({ example: 'Loa các thôn phía Bắc' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class CreateSlotDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Exactly one of stationId and groupId' })
  @IsOptional()
  @IsUUID()
  stationId: string | null = null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  groupId: string | null = null;

  @ApiProperty({ example: 'Bản tin sáng' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label!: string;

  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5, 6, 7], description: '1 = Monday … 7 = Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  daysOfWeek!: number[];

  @ApiProperty({ example: '06:00', description: 'Local time HH:MM' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  startTime!: string;

  @ApiProperty({ example: '06:30', description: 'Local time HH:MM; at or before the start means the slot ends the next day' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  endTime!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDay()
  validFrom: string | null = null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-03-31' })
  @IsOptional()
  @IsCalendarDay()
  validUntil: string | null = null;
}

export class AirtimeQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local day, inclusive' })
  @IsCalendarDay()
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last local day, inclusive' })
  @IsCalendarDay()
  to!: string;
}
