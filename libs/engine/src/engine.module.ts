import { Module } from '@nestjs/common';
import { BroadcastRepository, ChannelPolicyRepository, DeliveryRepository, MessageContentRepository } from '#persistence/index.js';
import { BroadcastValidator } from './broadcasts/broadcast-validator.js';
import { BroadcastsService } from './broadcasts/broadcasts.service.js';
import { DeliveryReceiptsService } from './dispatch/delivery-receipts.service.js';
import { OccurrencePlannerService } from './dispatch/occurrence-planner.service.js';
import { RateLimiter } from './dispatch/rate-limiter.js';
import { ReconcilerService } from './dispatch/reconciler.service.js';
import { ENGINE_JOB_HANDLERS } from './engine.handlers.js';

/**
 * The broadcast engine: broadcasts, occurrence planning, reconciliation, receipts and rate limits.
 * It reaches the channels only through CHANNEL_DEFINITIONS, which the channel registry module
 * (libs/channels/registry, global) provides; channel packages import this module, never the reverse.
 */
@Module({
  providers: [
    BroadcastRepository,
    DeliveryRepository,
    ChannelPolicyRepository,
    MessageContentRepository,
    RateLimiter,
    OccurrencePlannerService,
    ReconcilerService,
    BroadcastValidator,
    BroadcastsService,
    DeliveryReceiptsService,
    ...ENGINE_JOB_HANDLERS,
  ],
  exports: [OccurrencePlannerService, ReconcilerService, BroadcastsService, BroadcastValidator, DeliveryReceiptsService, RateLimiter],
})
export class EngineModule {}
