import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { SubscriberSortField, SubscriberView } from '#persistence/repositories/subscriber.repository.js';
import { SubscribersService } from '#services/subscribers/subscribers.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { toSortOrder } from '../http/sort.js';
import { UuidParam } from '../http/route-params.js';
import {
  CreateSubscriberDto,
  OptInDto,
  SUBSCRIBER_DEFAULT_SORT,
  SubscriberDto,
  SubscriberPageDto,
  SubscribersQueryDto,
  UpdateSubscriberDto,
} from './subscribers.dto.js';

/** Citizens who receive SMS, in the caller's subtree; outside it a subscriber answers 404, as if it did not exist. */
@ApiTags('subscribers')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "The subscriber or unit does not exist in the caller's subtree" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A field breaks a rule; details name it' })
@Controller('api/v1/subscribers')
export class SubscribersController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Post()
  @ApiOperation({ summary: 'Adds a subscriber (one per number)' })
  @ApiCreatedResponse({ type: SubscriberDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The number is already subscribed (details: field phone, rule unique)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubscriberDto): Promise<SubscriberView> {
    return this.subscribers.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: "Lists the subscribers of the caller's subtree: search by name or number, filters, sort" })
  @ApiOkResponse({ type: SubscriberPageDto, description: 'Newest first unless sorted otherwise' })
  async list(@CurrentActor() actor: Actor, @Query() query: SubscribersQueryDto): Promise<Page<SubscriberView>> {
    const { unitId, villageId, tag, q, optedOut } = query;
    const sort = toSortOrder<SubscriberSortField>(query.sort, SUBSCRIBER_DEFAULT_SORT);
    return toPage(query, await this.subscribers.list(actor, { unitId, villageId, tag, q, optedOut, sort, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscriber' })
  @ApiOkResponse({ type: SubscriberDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SubscriberView> {
    return this.subscribers.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes name, unit, village, tags or language (not the number nor the consent)' })
  @ApiOkResponse({ type: SubscriberDto })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateSubscriberDto): Promise<SubscriberView> {
    return this.subscribers.update(actor, id, dto);
  }

  @Post(':id/opt-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops SMS to this number at once, until an opt-in (idempotent)' })
  @ApiOkResponse({ type: SubscriberDto })
  optOut(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SubscriberView> {
    return this.subscribers.optOut(actor, id);
  }

  @Post(':id/opt-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resumes SMS to an opted-out number, recording a fresh consent (idempotent)' })
  @ApiOkResponse({ type: SubscriberDto })
  optIn(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: OptInDto): Promise<SubscriberView> {
    return this.subscribers.optIn(actor, id, dto.consentSource);
  }
}
