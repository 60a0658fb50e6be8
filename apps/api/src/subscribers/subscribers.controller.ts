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
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { SubscriberView } from '../../../../libs/persistence/src/repositories/subscriber.repository.js';
import { SubscribersService } from '../../../../libs/services/src/subscribers/subscribers.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CreateSubscriberDto, OptInDto, SubscriberDto, SubscriberPageDto, SubscribersQueryDto, UpdateSubscriberDto } from './subscribers.dto.js';

/** Citizens who receive SMS, in the caller's subtree; outside it a subscriber answers 404, as if it did not exist. */
@ApiTags('subscribers')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "The subscriber or unit does not exist in the caller's subtree" })
@Controller('api/v1/subscribers')
export class SubscribersController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Post()
  @ApiCreatedResponse({ type: SubscriberDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule (phone format, village not under the unit...); details name it' })
  @ApiConflictResponse({ description: 'The number is already subscribed (details: field phone, rule unique)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubscriberDto): Promise<SubscriberView> {
    return this.subscribers.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: SubscriberPageDto, description: 'Newest first' })
  async list(@CurrentActor() actor: Actor, @Query() query: SubscribersQueryDto): Promise<Page<SubscriberView>> {
    const { unitId, villageId, tag, q, optedOut } = query;
    return toPage(query, await this.subscribers.list(actor, { unitId, villageId, tag, q, optedOut, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriberDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SubscriberView> {
    return this.subscribers.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SubscriberDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; the number and the consent cannot be changed' })
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
