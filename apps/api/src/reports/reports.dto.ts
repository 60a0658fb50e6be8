import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ACTIVITY_KINDS } from '#domain/plans/plan-model.js';
import { REPORT_DIMENSIONS } from '#services/reports/reports.service.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'phải là ngày dạng YYYY-MM-DD';

export class ReportQueryDto {
  @ApiProperty({ format: 'date', description: 'First local day of the period (included)', example: '2026-12-01' })
  @Matches(DATE, { message: DATE_MESSAGE })
  from!: string;

  @ApiProperty({ format: 'date', description: 'Last local day of the period (included); not before from', example: '2026-12-31' })
  @Matches(DATE, { message: DATE_MESSAGE })
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A unit of the caller's subtree; the caller's unit when absent" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class ReportBreakdownQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: REPORT_DIMENSIONS, enumName: 'ReportDimension', description: 'unit = the units one level down' })
  @IsIn(REPORT_DIMENSIONS)
  by!: (typeof REPORT_DIMENSIONS)[number];
}

export class ReportRankingQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 5, description: 'Units in each of top and bottom' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class ReportFiguresDto {
  @ApiProperty({ description: 'Messages whose latest approval falls in the period' }) messagesApproved!: number;
  @ApiProperty({ description: 'Broadcasts whose first occurrence ran' }) broadcastsRun!: number;
  @ApiProperty({ description: 'Occurrences planned or completed' }) occurrencesRun!: number;
  @ApiProperty({ description: 'Deliveries handed over with no receipt (yet)' }) sent!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty() undelivered!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'Handed over with an unknown outcome, awaiting verification' }) unknown!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'Skipped for a reason other than an opt-out' }) skipped!: number;
  @ApiProperty({ description: 'Skipped because the citizen opted out' }) optedOut!: number;
  @ApiProperty({ description: 'SMS parts handed to providers' }) smsParts!: number;
  @ApiProperty({ description: 'SMS parts × the price per part when they were counted' }) smsCostVnd!: number;
  @ApiProperty({ description: 'Loudspeaker items played to the end' }) loudspeakerPlays!: number;
  @ApiProperty() airtimeSeconds!: number;
  @ApiProperty({ description: 'Board slides shown' }) boardShowings!: number;
  @ApiProperty({ description: 'Zalo and Facebook posts published' }) socialPosts!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Distinct citizens an SMS reached; null in breakdowns by content group, channel or priority' })
  citizensReached!: number | null;
}

export class ReportUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() level!: string;
}

export class ReportPeriodDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class ActivityCountDto {
  @ApiProperty({ description: 'Activities that are not broadcasts (conferences, dialogues, contests, training, leaflets, mobile propaganda)' })
  activities!: number;

  @ApiProperty({ description: 'People who took part, as recorded' }) participants!: number;
}

export class ActivityKindCountDto extends ActivityCountDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) kind!: string;
}

export class ActivityTotalsDto extends ActivityCountDto {
  @ApiProperty({ type: [ActivityKindCountDto], description: 'One row per kind recorded in the period' }) byKind!: ActivityKindCountDto[];
}

export class ReportActivitiesDto {
  @ApiProperty({ type: ActivityTotalsDto }) current!: ActivityTotalsDto;
  @ApiProperty({ type: ActivityTotalsDto, description: 'The previous period (see previousPeriod)' }) previous!: ActivityTotalsDto;
}

export class ReportSummaryDto {
  @ApiProperty({ type: ReportUnitDto }) unit!: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: ReportPeriodDto, description: 'The period just before: the previous calendar month(s) when the period is whole months (a month, quarter, year), else the same number of days before' }) previousPeriod!: ReportPeriodDto;
  @ApiProperty({ type: ReportFiguresDto }) current!: ReportFiguresDto;
  @ApiProperty({ type: ReportFiguresDto }) previous!: ReportFiguresDto;
  @ApiProperty({ type: ReportActivitiesDto, description: "Activities recorded in the unit's subtree, dated in the period" })
  activities!: ReportActivitiesDto;
}

export class ReportRowUnitDto extends ReportUnitDto {
  @ApiProperty({ description: "True for the unit's own row (facts attributed to it, not to a unit below)" }) own!: boolean;
}

export class ReportBreakdownRowDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The unit id, content group, channel, priority or month (YYYY-MM); null for facts of no channel',
  })
  key!: string | null;

  @ApiPropertyOptional({ type: ReportRowUnitDto }) unit?: ReportRowUnitDto;
  @ApiProperty({ type: ReportFiguresDto }) figures!: ReportFiguresDto;
  @ApiPropertyOptional({
    type: ActivityCountDto,
    description: 'Activities that are not broadcasts, in breakdowns by unit, content group (an activity counts in each of its groups) and month',
  })
  activities?: ActivityCountDto;
}

export class ReportBreakdownDto {
  @ApiProperty({ type: ReportUnitDto }) unit!: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ enum: REPORT_DIMENSIONS, enumName: 'ReportDimension' }) by!: string;
  @ApiProperty({ type: [ReportBreakdownRowDto] }) rows!: ReportBreakdownRowDto[];
}

export class RankedUnitDto {
  @ApiProperty({ type: ReportUnitDto }) unit!: ReportUnitDto;
  @ApiProperty({ description: 'Deliveries sent or delivered: the measure ranked on' }) reached!: number;
  @ApiProperty({ type: ReportFiguresDto }) figures!: ReportFiguresDto;
}

export class ReportRankingDto {
  @ApiProperty({ type: ReportUnitDto }) unit!: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: [RankedUnitDto] }) top!: RankedUnitDto[];
  @ApiProperty({ type: [RankedUnitDto] }) bottom!: RankedUnitDto[];
}
