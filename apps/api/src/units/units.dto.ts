import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { UNIT_LEVELS, UNIT_SOURCES, VILLAGE_TYPES, type UnitLevel, type UnitSource, type VillageType } from '#domain/index.js';
import { IsCalendarDay } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';

export const UNIT_NAME_MAX_LENGTH = 200;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name; case and Vietnamese diacritics are ignored ("Cao Bang" finds "Cao Bằng")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS, enumName: 'UnitLevel' })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;

  @ApiPropertyOptional({ enum: UNIT_SOURCES, enumName: 'UnitSource', description: 'The list a unit came from' })
  @IsOptional()
  @IsIn(UNIT_SOURCES)
  source?: UnitSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only direct children of this unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-07-01', description: 'Only units valid on this day' })
  @IsOptional()
  @IsCalendarDay()
  validOn?: string;
}

export class CreateVillageDto {
  @ApiProperty({ example: 'Thôn Đông', maxLength: UNIT_NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ enum: VILLAGE_TYPES, enumName: 'VillageType', description: 'village = thôn, residential-group = tổ dân phố, hamlet = ấp/bản' })
  @IsIn(VILLAGE_TYPES)
  type!: VillageType;

  @ApiPropertyOptional({ example: 'TD-01', maxLength: 50, pattern: '^[A-Za-z0-9._-]+$', description: 'Unique among local units' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9._-]+$/)
  code?: string;
}

export class RenameVillageDto {
  @ApiProperty({ example: 'Nà Cạn', maxLength: UNIT_NAME_MAX_LENGTH, description: 'The full name is rebuilt from the kind ("Thôn Nà Cạn")' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  name!: string;
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Code in its list; codes repeat across lists' }) code!: string | null;
  @ApiProperty({ enum: UNIT_SOURCES, enumName: 'UnitSource' }) source!: UnitSource;
  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel' }) level!: UnitLevel;
  @ApiProperty({ example: 'province' }) type!: string;
  @ApiProperty({ example: 'Cao Bằng' }) name!: string;
  @ApiProperty({ example: 'Tỉnh Cao Bằng' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ description: 'Levels from the root (a province is 1)' }) depth!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validFrom!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validTo!: string | null;
}

export class UnitDetailDto extends UnitDto {
  @ApiProperty({ type: [UnitDto], description: 'The units above, root first (breadcrumb)' }) ancestors!: UnitDto[];
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto] }) items!: UnitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
