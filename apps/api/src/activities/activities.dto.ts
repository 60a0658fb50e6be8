import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CONTENT_GROUP_CODES, type ContentGroup } from '#domain/index.js';
import { ACTIVITY_KINDS, PLAN_LIMITS, type ActivityKind } from '#domain/plans/index.js';
import { ACTIVITY_SORT_FIELDS } from '#services/activities/activity.repository.js';
import { IsCalendarDay } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const ACTIVITY_DEFAULT_SORT = '-occurredOn';
const CleanText = () => Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

export class ActivityFieldsDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind', description: 'Hội nghị, đối thoại, hội thi, tập huấn, tờ rơi, tuyên truyền lưu động' })
  @IsIn(ACTIVITY_KINDS)
  kind!: ActivityKind;

  @ApiProperty({ maxLength: PLAN_LIMITS.titleMax, example: 'Hội nghị tuyên truyền cải cách thủ tục hành chính' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.titleMax)
  title!: string;

  @ApiProperty({ format: 'date', description: "The day it took place: today in the unit's zone at the latest" })
  @IsCalendarDay()
  occurredOn!: string;

  @ApiProperty({ maxLength: PLAN_LIMITS.placeMax, example: 'Hội trường UBND xã' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.placeMax)
  place!: string;

  @ApiProperty({ minimum: 0, example: 120 })
  @IsInt()
  @Min(0)
  participants!: number;

  @ApiPropertyOptional({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup', isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONTENT_GROUP_CODES, { each: true })
  contentGroups: ContentGroup[] = [];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: PLAN_LIMITS.attachmentsMax, default: [], description: 'Photos or minutes (uploaded attachments)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.attachmentsMax)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds: string[] = [];
}

export class CreateActivityDto extends ActivityFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The activity's unit; defaults to the caller's unit, must be in the caller's subtree" })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;
}

export class ListActivitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup' })
  @IsOptional()
  @IsIn(CONTENT_GROUP_CODES)
  contentGroup?: ContentGroup;

  @ApiPropertyOptional({ format: 'uuid', description: "Activities of this unit's subtree" })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'From this day, included' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Up to this day, included' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words of the title or the place; diacritics ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @SortQuery(ACTIVITY_SORT_FIELDS, ACTIVITY_DEFAULT_SORT)
  sort?: string;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty() place!: string;
  @ApiProperty() participants!: number;
  @ApiProperty({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup', isArray: true }) contentGroups!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) attachmentIds!: string[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items!: ActivityDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

