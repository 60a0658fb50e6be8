import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BROADCAST_VIEW_STATUSES, type BroadcastViewStatus } from '#domain/delivery/broadcast-view-status.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '#persistence/index.js';
import { CHANNELS } from '#domain/index.js';
import { IsInstant, IsWallDateTime } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const BROADCAST_SORT_FIELDS = ['createdAt', 'nextDueAt', 'status'] as const;

export class TargetsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Units whose whole subtree is targeted' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  unitIds!: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only subscribers of these villages (thôn, tổ dân phố)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  villageIds: string[] = [];

  @ApiPropertyOptional({ type: [String], description: 'Only subscribers having any of these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[] = [];
}

export class ScheduleDto {
  @ApiProperty({ enum: ['once', 'recurring'] })
  @IsIn(['once', 'recurring'])
  kind!: 'once' | 'recurring';

  @ApiPropertyOptional({ description: 'once: ISO 8601 instant, e.g. 2026-11-22T07:30:00+07:00', example: '2026-11-22T07:30:00+07:00' })
  @IsOptional()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ description: 'recurring: RFC 5545 RRULE without DTSTART', example: 'FREQ=WEEKLY;BYDAY=MO,WE' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ description: 'recurring: local wall time of the first occurrence', example: '2026-11-23T07:30' })
  @IsOptional()
  @IsWallDateTime()
  startsAt?: string;

  @ApiPropertyOptional({ description: 'recurring: last instant (ISO 8601); give this or count' })
  @IsOptional()
  @IsInstant()
  until?: string;

  @ApiPropertyOptional({ description: 'recurring: number of occurrences; give this or until', minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  count?: number;
}

export class BroadcastRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  messageId!: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', isArray: true, example: ['sms'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  channels!: string[];

  @ApiProperty({ type: TargetsDto })
  @ValidateNested()
  @Type(() => TargetsDto)
  targets!: TargetsDto;

  @ApiProperty({ type: ScheduleDto })
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule!: ScheduleDto;

  @ApiPropertyOptional({ description: 'Send SMS "không dấu" (GSM-7: 160 characters per SMS instead of 70)', default: false })
  @IsOptional()
  @IsBoolean()
  smsWithoutDiacritics = false;

  @ApiPropertyOptional({ description: 'Refuse the SMS when it needs more parts than this', minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  smsMaxParts?: number;
}

export class BroadcastListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BROADCAST_VIEW_STATUSES, enumName: 'BroadcastStatus' })
  @IsOptional()
  @IsIn(BROADCAST_VIEW_STATUSES)
  status?: BroadcastViewStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  messageId?: string;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Broadcasts of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'With an occurrence due at or after this instant (ISO 8601)', example: '2026-12-01T00:00:00+07:00' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'With an occurrence due before this instant (ISO 8601)', example: '2027-01-01T00:00:00+07:00' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @SortQuery(BROADCAST_SORT_FIELDS, '-createdAt')
  sort?: string;
}

export class DeliveryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ enum: ['permanent', 'exhausted'], enumName: 'FailureKind', description: 'exhausted = retries ran out; a supervisor may retry those' })
  @IsOptional()
  @IsIn(['permanent', 'exhausted'])
  failureKind?: 'permanent' | 'exhausted';
}

export class ReadinessRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  messageId!: string;

  @ApiProperty({ type: TargetsDto })
  @ValidateNested()
  @Type(() => TargetsDto)
  targets!: TargetsDto;
}

export class RetryDeliveriesDto {
  @ApiPropertyOptional({ type: [String], description: 'Delivery ids; omit to retry every exhausted delivery of the broadcast' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @Matches(/^\d+$/, { each: true })
  deliveryIds?: string[];
}

