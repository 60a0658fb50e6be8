import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import { MessageQueryService } from '../../../../libs/services/src/messages/message-query.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { MessagePageDto, type MessageSummaryDto } from './message-responses.dto.js';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly queries: MessageQueryService) {}

  @Get()
  @ApiOkResponse({ type: MessagePageDto, description: "Messages submitted to the caller's unit that the caller did not write, oldest first" })
  @ApiForbiddenResponse({ description: 'Only supervisors review' })
  async inbox(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MessageSummaryDto>> {
    return toPage(query, await this.queries.inbox(actor, { limit: query.pageSize, offset: query.offset }));
  }
}
