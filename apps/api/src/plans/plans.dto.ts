import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, CONTENT_GROUP_CODES, UNIT_LEVELS, type Channel, type ContentGroup, type UnitLevel } from '#domain/index.js';
import { ACTIVITY_KINDS, PLAN_LIMITS, PLAN_METRICS, type ActivityKind, type PlanMetric } from '#domain/plans/index.js';
import { PLAN_SORT_FIELDS } from '#services/plans/plan.repository.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const PLAN_DEFAULT_SORT = '-periodFrom';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'phải là ngày dạng YYYY-MM-DD';
const CleanText = () => Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));
const NUMBER = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 };

export class PlanDecisionDto {
  @ApiPropertyOptional({ maxLength: PLAN_LIMITS.decisionNumberMax, example: '855/KH-UBND' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.decisionNumberMax)
  number?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-15' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  date?: string;

  @ApiPropertyOptional({ maxLength: PLAN_LIMITS.signerMax, example: 'Phó Chủ tịch UBND tỉnh Nguyễn Văn A' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.signerMax)
  signer?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The decision's scanned file (an uploaded attachment of the plan unit or below)" })
  @IsOptional()
  @IsUUID('all')
  attachmentId?: string;
}

export class PlanTargetDto {
  @ApiProperty({ enum: PLAN_METRICS, enumName: 'PlanMetric', description: 'sms-reach is a share (%) of the unit’s subscribers' })
  @IsIn(PLAN_METRICS)
  metric!: PlanMetric;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind', description: 'Activities metric only; any kind when left out' })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS)
  activityKind?: ActivityKind;

  @ApiPropertyOptional({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup', description: 'Any content group when left out' })
  @IsOptional()
  @IsIn(CONTENT_GROUP_CODES)
  contentGroup?: ContentGroup;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel', description: 'Any channel of the metric when left out' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel', description: "Applies to every unit of this level in the plan unit's subtree" })
  @IsIn(UNIT_LEVELS)
  unitLevel!: UnitLevel;

  @ApiProperty({ minimum: 0, example: 24, description: 'Per unit, for the whole period' })
  @IsNumber(NUMBER, { message: 'phải là một số (tối đa 2 chữ số thập phân)' })
  @Min(0)
  value!: number;
}

export class PlanFieldsDto {
  @ApiProperty({ maxLength: PLAN_LIMITS.titleMax, example: 'Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.titleMax)
  title!: string;

  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'The whole year, when from and to are left out' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'date', description: 'First day of the period (with to, instead of year)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period, included' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ type: PlanDecisionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlanDecisionDto)
  decision?: PlanDecisionDto;
}

export class CreatePlanDto extends PlanFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The issuing unit; defaults to the caller's unit, must be in the caller's subtree" })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ type: [PlanTargetDto], maxItems: PLAN_LIMITS.targetsMax, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.targetsMax)
  @ValidateNested({ each: true })
  @Type(() => PlanTargetDto)
  targets: PlanTargetDto[] = [];
}

export class OverrideValueDto {
  @ApiProperty({ minimum: 0, description: "The unit's own figure in place of the target's value" })
  @IsNumber(NUMBER, { message: 'phải là một số (tối đa 2 chữ số thập phân)' })
  @Min(0)
  value!: number;
}

export class ListPlansQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Plans issued by this unit' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ description: 'Plans whose period overlaps this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words of the title or the decision number; diacritics ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @SortQuery(PLAN_SORT_FIELDS, PLAN_DEFAULT_SORT)
  sort?: string;
}

export class ProgressQueryDto {
  @ApiPropertyOptional({ format: 'date', description: "The day progress is measured at; today in the plan unit's zone by default" })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  asOf?: string;
}
