import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import { AuditService } from '../../../../libs/services/src/audit/audit.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { AuditPageDto, AuditQueryDto, type AuditEventDto } from './audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto, description: "The append-only log of the caller's subtree, newest first" })
  @ApiForbiddenResponse({ description: 'Officers do not read the log (supervisors and admins do)' })
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const { entityType, entityId, action } = query;
    return toPage(query, await this.audit.list(actor, { entityType, entityId, action, limit: query.pageSize, offset: query.offset }));
  }
}
