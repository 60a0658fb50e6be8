import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { AUDIT_SORT_FIELDS } from '#persistence/repositories/audit.repository.js';
import { IsDayOrInstant } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const AUDIT_DEFAULT_SORT = '-occurredAt';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'From this day (start of the day in the caller’s unit zone) or this instant (ISO 8601 with offset), inclusive',
  })
  @IsOptional()
  @IsDayOrInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'To this day (its end, in the caller’s unit zone, inclusive) or before this instant (ISO 8601 with offset)',
  })
  @IsOptional()
  @IsDayOrInstant()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this user did' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'approve', description: 'create, edit, submit, approve, return, upload, rename-village…' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,49}$/)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'message', description: 'message, attachment, broadcast, subscriber, user, unit…' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,49}$/)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  entityId?: string;

  @SortQuery(AUDIT_SORT_FIELDS, AUDIT_DEFAULT_SORT)
  sort?: string;
}

/** The list's filters and order, without paging: the export holds every matching event. */
export class AuditExportQueryDto extends OmitType(AuditQueryDto, ['page', 'pageSize'] as const) {}

export class AuditEventDto {
  @ApiProperty({ description: 'Increasing; the log is append-only' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for what the system did on its own' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorUsername!: string | null;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the unit was removed since (a deleted village)' }) unitName!: string | null;
  @ApiProperty() entityType!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: Number, nullable: true }) versionNo!: number | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'e.g. {from, to} statuses of a workflow step' })
  data!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
