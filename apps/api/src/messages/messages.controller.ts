import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { MessageView, VersionSummary, VersionView } from '../../../../libs/persistence/src/repositories/message.repository.js';
import { MessageQueryService } from '../../../../libs/services/src/messages/message-query.service.js';
import { MessagesService } from '../../../../libs/services/src/messages/messages.service.js';
import { AuditPageDto, type AuditEventDto } from '../audit/audit.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { MessageDto, MessagePageDto, VersionDto, VersionSummaryDto, type MessageSummaryDto } from './message-responses.dto.js';
import {
  ApproveMessageDto,
  CreateMessageDto,
  EditMessageDto,
  ListMessagesQueryDto,
  ReturnMessageDto,
  SubmitMessageDto,
  toMessageContent,
} from './messages.dto.js';
import { IntParam, UuidParam } from '../http/route-params.js';

@ApiTags('messages')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@Controller('api/v1/messages')
export class MessagesController {
  constructor(
    private readonly workflow: MessagesService,
    private readonly queries: MessageQueryService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: MessageDto, description: 'A draft, version 1' })
  @ApiBadRequestResponse({ description: 'details name each refused field and rule' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMessageDto): Promise<MessageView> {
    return this.workflow.create(actor, dto.unitId, toMessageContent(dto));
  }

  @Get()
  @ApiOkResponse({ type: MessagePageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: ListMessagesQueryDto): Promise<Page<MessageSummaryDto>> {
    const { status, contentGroup, unitId, q } = query;
    return toPage(query, await this.queries.list(actor, { status, contentGroup, unitId, q, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: MessageDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MessageView> {
    return this.queries.get(actor, id);
  }

  @Put(':id')
  @ApiOkResponse({ type: MessageDto, description: 'A new version; the message is a draft again' })
  @ApiConflictResponse({ description: 'baseVersion is not the current version' })
  edit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: EditMessageDto): Promise<MessageView> {
    return this.workflow.edit(actor, id, dto.baseVersion, toMessageContent(dto));
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: [VersionSummaryDto], description: 'Newest first' })
  versions(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<VersionSummary[]> {
    return this.queries.versions(actor, id);
  }

  @Get(':id/versions/:no')
  @ApiOkResponse({ type: VersionDto })
  version(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @IntParam('no') no: number): Promise<VersionView> {
    return this.queries.version(actor, id, no);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ description: 'Not a draft, a stale version, or nobody can approve it' })
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SubmitMessageDto): Promise<MessageView> {
    return this.workflow.submit(actor, id, dto.version);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MessageDto })
  @ApiForbiddenResponse({ description: 'Not a supervisor of the approval unit, or the author of the version' })
  @ApiConflictResponse({ description: 'Not submitted, or a stale version' })
  approve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ApproveMessageDto): Promise<MessageView> {
    return this.workflow.approve(actor, id, dto.version, dto.comment);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: MessageDto })
  @ApiForbiddenResponse({ description: 'Not a supervisor of the approval unit, or the author of the version' })
  @ApiConflictResponse({ description: 'Not submitted, or a stale version' })
  return(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReturnMessageDto): Promise<MessageView> {
    return this.workflow.return(actor, id, dto.version, dto.comment);
  }

  @Get(':id/audit')
  @ApiOkResponse({ type: AuditPageDto, description: 'Every workflow step of this message, newest first' })
  async audit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<AuditEventDto>> {
    return toPage(query, await this.queries.trail(actor, id, { limit: query.pageSize, offset: query.offset }));
  }
}
