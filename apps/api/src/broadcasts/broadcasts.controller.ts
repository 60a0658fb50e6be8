import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { BroadcastSchedule } from '../../../../libs/persistence/src/index.js';
import { BroadcastsService } from '../../../../libs/services/src/broadcasts/broadcasts.service.js';
import { normaliseTags } from '../../../../libs/services/src/subscribers/subscriber-fields.js';
import type { BroadcastRequest } from '../../../../libs/services/src/broadcasts/broadcast-request.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage } from '../http/pagination.dto.js';
import { BroadcastListQueryDto, BroadcastRequestDto, DeliveryListQueryDto, RetryDeliveriesDto } from './broadcast.dto.js';

@ApiTags('broadcasts')
@ApiBearerAuth()
@Controller('api/v1/broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  /** Recipients per channel, SMS parts and estimated cost, first due times; writes nothing. */
  @Post('preview')
  @HttpCode(200)
  preview(@CurrentActor() actor: Actor, @Body() dto: BroadcastRequestDto) {
    return this.broadcasts.preview(actor, toRequest(dto));
  }

  @Post()
  schedule(@CurrentActor() actor: Actor, @Body() dto: BroadcastRequestDto) {
    return this.broadcasts.schedule(actor, toRequest(dto));
  }

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() q: BroadcastListQueryDto) {
    return toPage(q, await this.broadcasts.list(actor, { status: q.status, messageId: q.messageId, limit: q.pageSize, offset: q.offset }));
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.broadcasts.get(actor, id);
  }

  @Get(':id/progress')
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.broadcasts.progress(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.broadcasts.cancel(actor, id);
  }

  @Get(':id/deliveries')
  async deliveries(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: DeliveryListQueryDto) {
    return toPage(q, await this.broadcasts.deliveriesOf(actor, id, { status: q.status, failureKind: q.failureKind, limit: q.pageSize, offset: q.offset }));
  }

  /** Exhausted deliveries (retries ran out) are sent once more; supervisors only. */
  @Post(':id/deliveries/retry')
  @HttpCode(200)
  retry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetryDeliveriesDto) {
    return this.broadcasts.retryExhausted(actor, id, dto.deliveryIds ?? null);
  }
}

function toRequest(dto: BroadcastRequestDto): BroadcastRequest {
  const s = dto.schedule;
  const schedule: BroadcastSchedule =
    s.kind === 'once'
      ? { kind: 'once', at: s.at ?? '' }
      : { kind: 'recurring', rrule: s.rrule ?? '', startsAt: s.startsAt ?? '', until: s.until, count: s.count };
  return {
    messageId: dto.messageId,
    channels: dto.channels,
    targets: { unitIds: dto.targets.unitIds, villageIds: dto.targets.villageIds ?? [], tags: normaliseTags(dto.targets.tags ?? []) },
    schedule,
    smsWithoutDiacritics: dto.smsWithoutDiacritics,
    smsMaxParts: dto.smsMaxParts,
  };
}
