import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { MessageSortField, MessageView, VersionSummary, VersionView } from '#persistence/repositories/message.repository.js';
import { MessageQueryService } from '#services/messages/message-query.service.js';
import { MessagesService } from '#services/messages/messages.service.js';
import { AuditPageDto, type AuditEventDto } from '../audit/audit.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { toSortOrder } from '../http/sort.js';
import { MessageDto, MessagePageDto, VersionDto, VersionSummaryDto, type MessageSummaryDto } from './message-responses.dto.js';
import {
  ApproveMessageDto,
  CreateMessageDto,
  EditMessageDto,
  ListMessagesQueryDto,
  MESSAGE_DEFAULT_SORT,
  ReturnMessageDto,
  SubmitMessageDto,
  toMessageContent,
} from './messages.dto.js';
import { IntParam, UuidParam } from '../http/route-params.js';

@ApiTags('messages')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@Controller('api/v1/messages')
export class MessagesController {
  constructor(
    private readonly workflow: MessagesService,
    private readonly queries: MessageQueryService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a draft message' })
  @ApiCreatedResponse({ type: MessageDto, description: 'A draft, version 1' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and supervisors write messages' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMessageDto): Promise<MessageView> {
    return this.workflow.create(actor, dto.unitId, toMessageContent(dto));
  }

  @Get()
  @ApiOperation({ summary: "Lists the messages of the caller's subtree: filters, search over title and body, sort" })
  @ApiOkResponse({ type: MessagePageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: ListMessagesQueryDto): Promise<Page<MessageSummaryDto>> {
    const { status, contentGroup, priority, authorId, unitId, q } = query;
    const sort = toSortOrder<MessageSortField>(query.sort, MESSAGE_DEFAULT_SORT);
    return toPage(
      query,
      await this.queries.list(actor, { status, contentGroup, priority, authorId, unitId, q, sort, limit: query.pageSize, offset: query.offset }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A message with its current version' })
  @ApiOkResponse({ type: MessageDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MessageView> {
    return this.queries.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Saves a new version (the message becomes a draft again)' })
  @ApiOkResponse({ type: MessageDto, description: 'A new version; the message is a draft again' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'baseVersion is not the current version' })
  edit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: EditMessageDto): Promise<MessageView> {
    return this.workflow.edit(actor, id, dto.baseVersion, toMessageContent(dto));
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'The version history, newest first' })
  @ApiOkResponse({ type: [VersionSummaryDto], description: 'Newest first' })
  versions(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<VersionSummary[]> {
    return this.queries.versions(actor, id);
  }

  @Get(':id/versions/:no')
  @ApiOperation({ summary: 'One version with its full content' })
  @ApiOkResponse({ type: VersionDto })
  version(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @IntParam('no') no: number): Promise<VersionView> {
    return this.queries.version(actor, id, no);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submits the current version for approval' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not a draft, a stale version, or nobody can approve it' })
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SubmitMessageDto): Promise<MessageView> {
    return this.workflow.submit(actor, id, dto.version);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approves the submitted version' })
  @ApiOkResponse({ type: MessageDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor of the approval unit, or the author of the version' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not submitted, or a stale version' })
  approve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ApproveMessageDto): Promise<MessageView> {
    return this.workflow.approve(actor, id, dto.version, dto.comment);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Returns the submitted version to its author with a comment' })
  @ApiOkResponse({ type: MessageDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor of the approval unit, or the author of the version' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Not submitted, or a stale version' })
  return(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReturnMessageDto): Promise<MessageView> {
    return this.workflow.return(actor, id, dto.version, dto.comment);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'The audit trail of the message, newest first' })
  @ApiOkResponse({ type: AuditPageDto, description: 'Every workflow step of this message, newest first' })
  async audit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<AuditEventDto>> {
    return toPage(query, await this.queries.trail(actor, id, { limit: query.pageSize, offset: query.offset }));
  }
}
