import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { AuditSortField } from '#persistence/repositories/audit.repository.js';
import { AuditService, type AuditQuery } from '#services/audit/audit.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { toSortOrder } from '../http/sort.js';
import { AUDIT_DEFAULT_SORT, AuditExportQueryDto, AuditPageDto, AuditQueryDto, type AuditEventDto } from './audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A filter breaks a rule (e.g. `to` before `from`); details name it' })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Officers do not read the log (supervisors and admins do)' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "unitId is not a unit of the caller's subtree" })
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of my subtree, filtered' })
  @ApiOkResponse({ type: AuditPageDto, description: "The append-only log of the caller's subtree, newest first unless sorted otherwise" })
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    return toPage(query, await this.audit.list(actor, { ...auditQuery(query), limit: query.pageSize, offset: query.offset }));
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The filtered audit log as CSV for Excel' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'Every matching event, streamed: UTF-8 with BOM, ";" separated, Vietnamese headers, times dd/MM/yyyy HH:mm:ss in the caller’s unit zone',
    schema: { type: 'string', format: 'binary' },
  })
  async exportCsv(@CurrentActor() actor: Actor, @Query() query: AuditExportQueryDto): Promise<StreamableFile> {
    const report = await this.audit.exportCsv(actor, auditQuery(query));
    return new StreamableFile(Readable.from(report.lines), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${report.fileName}"`,
    });
  }
}

function auditQuery({ from, to, actorId, action, unitId, entityType, entityId, sort }: AuditExportQueryDto): AuditQuery {
  return { from, to, actorId, action, unitId, entityType, entityId, sort: toSortOrder<AuditSortField>(sort, AUDIT_DEFAULT_SORT) };
}
