import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { MessageQueryService } from '#services/messages/message-query.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { MessagePageDto, type MessageSummaryDto } from './message-responses.dto.js';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly queries: MessageQueryService) {}

  @Get()
  @ApiOperation({ summary: "The supervisor's inbox: messages waiting for the caller's approval" })
  @ApiOkResponse({ type: MessagePageDto, description: "Messages submitted to the caller's unit that the caller did not write, oldest first" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors review' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'page or pageSize out of range' })
  async inbox(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MessageSummaryDto>> {
    return toPage(query, await this.queries.inbox(actor, { limit: query.pageSize, offset: query.offset }));
  }
}
