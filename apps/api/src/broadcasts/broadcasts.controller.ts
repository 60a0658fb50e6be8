import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import type { BroadcastSchedule, BroadcastTargets } from '#persistence/index.js';
import type { BroadcastSortField } from '#persistence/repositories/broadcast-view.repository.js';
import { BroadcastPreviewService } from '#engine/broadcasts/broadcast-preview.service.js';
import { BroadcastReadinessService } from '#engine/broadcasts/broadcast-readiness.service.js';
import type { BroadcastRequest } from '#engine/broadcasts/broadcast-request.js';
import { BroadcastViewsService } from '#engine/broadcasts/broadcast-views.service.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { normaliseTags } from '#services/subscribers/subscriber-fields.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { toSortOrder } from '../http/sort.js';
import {
  BroadcastPageDto,
  BroadcastPreviewDto,
  BroadcastProgressDto,
  BroadcastRecordDto,
  BroadcastSummaryDto,
  CancelResultDto,
  ChannelReadinessDto,
  DeliveryPageDto,
  RetryResultDto,
} from './broadcast-responses.dto.js';
import {
  BroadcastListQueryDto,
  BroadcastRequestDto,
  DeliveryListQueryDto,
  ReadinessRequestDto,
  RetryDeliveriesDto,
  type TargetsDto,
} from './broadcast.dto.js';

@ApiTags('broadcasts')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@Controller('api/v1/broadcasts')
export class BroadcastsController {
  constructor(
    private readonly broadcasts: BroadcastsService,
    private readonly views: BroadcastViewsService,
    private readonly previews: BroadcastPreviewService,
    private readonly readinessCheck: BroadcastReadinessService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview a broadcast: recipients, SMS parts and cost, occurrences and warnings; writes nothing' })
  @ApiOkResponse({ type: BroadcastPreviewDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The message is not in the caller's subtree" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'An emergency message, asked for by an officer' })
  preview(@CurrentActor() actor: Actor, @Body() dto: BroadcastRequestDto) {
    return this.previews.preview(actor, toRequest(dto));
  }

  @Post('readiness')
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether each channel can carry the message to the targets now, with the reasons when not' })
  @ApiOkResponse({ type: [ChannelReadinessDto] })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The message is not in the caller's subtree" })
  readiness(@CurrentActor() actor: Actor, @Body() dto: ReadinessRequestDto) {
    return this.readinessCheck.readiness(actor, dto.messageId, toTargets(dto.targets));
  }

  @Post()
  @ApiOperation({ summary: 'Schedule an approved message to targets on channels' })
  @ApiCreatedResponse({ type: BroadcastRecordDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The message is not in the caller's subtree" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'An emergency message, asked for by an officer' })
  schedule(@CurrentActor() actor: Actor, @Body() dto: BroadcastRequestDto) {
    return this.broadcasts.schedule(actor, toRequest(dto));
  }

  @Get()
  @ApiOperation({ summary: "Broadcasts of the caller's subtree, filtered, sorted and paginated" })
  @ApiOkResponse({ type: BroadcastPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: BroadcastListQueryDto) {
    const filter = {
      status: q.status,
      messageId: q.messageId,
      channel: q.channel,
      unitId: q.unitId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    };
    return toPage(q, await this.views.list(actor, filter, toSortOrder<BroadcastSortField>(q.sort, '-createdAt'), { limit: q.pageSize, offset: q.offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One broadcast with its truthful status and, when held, deferred or failed, why' })
  @ApiOkResponse({ type: BroadcastSummaryDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree (answered as if it did not exist)" })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.views.detail(actor, id);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: 'Deliveries by status and channel, and the occurrences' })
  @ApiOkResponse({ type: BroadcastProgressDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  progress(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.broadcasts.progress(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: stops every occurrence and delivery not yet handed to a provider' })
  @ApiOkResponse({ type: CancelResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already cancelled or finished' })
  cancel(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.broadcasts.cancel(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of a broadcast, with the reason of each failure in Vietnamese' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  async deliveries(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() q: DeliveryListQueryDto) {
    return toPage(
      q,
      await this.views.deliveriesOf(actor, id, { status: q.status, channel: q.channel, failureKind: q.failureKind, limit: q.pageSize, offset: q.offset }),
    );
  }

  @Post(':id/deliveries/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send exhausted deliveries (retries ran out) once more; supervisors only' })
  @ApiOkResponse({ type: RetryResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor' })
  retry(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: RetryDeliveriesDto) {
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
    targets: toTargets(dto.targets),
    schedule,
    smsWithoutDiacritics: dto.smsWithoutDiacritics,
    smsMaxParts: dto.smsMaxParts,
  };
}

function toTargets(dto: TargetsDto): BroadcastTargets {
  return { unitIds: dto.unitIds, villageIds: dto.villageIds ?? [], tags: normaliseTags(dto.tags ?? []) };
}
