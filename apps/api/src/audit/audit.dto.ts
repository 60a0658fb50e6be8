import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../http/pagination.dto.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'message', description: 'message, attachment, user, unit…' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,49}$/)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  entityId?: string;

  @ApiPropertyOptional({ example: 'approve', description: 'create, edit, submit, approve, return, upload…' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,49}$/)
  action?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Increasing; the log is append-only' }) id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
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
