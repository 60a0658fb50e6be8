import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, CONTENT_GROUP_CODES, UNIT_LEVELS } from '#domain/index.js';
import { ACTIVITY_KINDS, PLAN_METRICS, PROGRESS_STATUSES } from '#domain/plans/index.js';

/** Response shapes, declared for the OpenAPI document; the services return plain objects of the same shape. */

export class PlanDecisionViewDto {
  @ApiProperty({ type: String, nullable: true, example: '855/KH-UBND' }) number!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) date!: string | null;
  @ApiProperty({ type: String, nullable: true }) signer!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) attachmentId!: string | null;
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date', description: 'Included' }) periodTo!: string;
  @ApiProperty({ type: PlanDecisionViewDto }) decision!: PlanDecisionViewDto;
  @ApiProperty() targetCount!: number;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class TargetOverrideDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() value!: number;
}

class TargetHeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PLAN_METRICS, enumName: 'PlanMetric' }) metric!: string;
  @ApiProperty({ type: String, nullable: true, enum: [...ACTIVITY_KINDS] }) activityKind!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...CONTENT_GROUP_CODES] }) contentGroup!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...CHANNELS] }) channel!: string | null;
  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel' }) unitLevel!: string;
  @ApiProperty({ description: 'Per unit, for the whole period' }) value!: number;
}

export class TargetDto extends TargetHeadDto {
  @ApiProperty({ type: [TargetOverrideDto] }) overrides!: TargetOverrideDto[];
}

export class PlanDetailDto extends PlanDto {
  @ApiProperty({ type: [TargetDto] }) targets!: TargetDto[];
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] }) items!: PlanDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class UnitProgressDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ description: "The target's value or the unit's override" }) target!: number;
  @ApiProperty() overridden!: boolean;
  @ApiProperty({ description: 'Up to asOf: from the report rollup, or the activity log for activities' }) actual!: number;
  @ApiProperty({ description: 'The target times the elapsed share of the period' }) expected!: number;
  @ApiProperty({ type: String, enum: [...PROGRESS_STATUSES] }) status!: string;
}

export class TargetProgressDto extends TargetHeadDto {
  @ApiProperty({ type: [UnitProgressDto] }) units!: UnitProgressDto[];
  @ApiProperty() unitsBehind!: number;
}

export class UnitBehindDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() targetsBehind!: number;
}

export class PlanProgressDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date' }) periodTo!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) elapsedShare!: number;
  @ApiProperty({ type: [TargetProgressDto] }) targets!: TargetProgressDto[];
  @ApiProperty({ type: [UnitBehindDto], description: 'Most targets behind first' }) unitsBehind!: UnitBehindDto[];
}
