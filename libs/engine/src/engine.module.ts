import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  BroadcastRepository,
  ChannelPolicyRepository,
  DeliveryRepository,
  MessageContentRepository,
} from '#persistence/index.js';
import { BroadcastValidator } from './broadcasts/broadcast-validator.js';
import { BroadcastsService } from './broadcasts/broadcasts.service.js';
import { CHANNEL_PLANNERS, type ChannelPlanner } from './channel-definition.js';
import { OccurrencePlannerService } from './dispatch/occurrence-planner.service.js';
import { RateLimiter } from './dispatch/rate-limiter.js';
import { ReconcilerService } from './dispatch/reconciler.service.js';
import { SandboxSmsRepository } from '#sms/sandbox-sms.repository.js';
import { SmsDispatchService } from '#sms/sms-dispatch.service.js';
import { SmsPlanner } from '#sms/sms-planner.js';
import { createSmsProvider, SMS_PROVIDER } from '#sms/sms-provider.factory.js';
import { SubscriberOptOutRepository } from '#sms/subscriber-opt-out.repository.js';
import { DeliveryReceiptsService } from './dispatch/delivery-receipts.service.js';
import { BoardPlanner } from '#board/board-planner.js';
import { BoardsModule } from '#board/boards.module.js';
import { LoudspeakerPlanner } from '#loudspeaker/loudspeaker-planner.js';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { SocialModule } from '#social/social.module.js';
import { FacebookPlanner, ZaloPlanner } from '#social/social-planner.js';

/** The broadcast engine: planning, dispatch, reconciliation, and the channel registry. */
@Module({
  imports: [BoardsModule, LoudspeakersModule, SocialModule],
  providers: [
    BroadcastRepository,
    DeliveryRepository,
    ChannelPolicyRepository,
    MessageContentRepository,
    SubscriberOptOutRepository,
    SandboxSmsRepository,
    RateLimiter,
    {
      provide: SMS_PROVIDER,
      inject: [APP_CONFIG, SandboxSmsRepository],
      useFactory: (config: AppConfig, sandbox: SandboxSmsRepository) => createSmsProvider(config, sandbox, new Logger('sms')),
    },
    SmsPlanner,
    { provide: CHANNEL_PLANNERS, inject: [SmsPlanner, BoardPlanner, LoudspeakerPlanner, ZaloPlanner, FacebookPlanner], useFactory: (...planners: ChannelPlanner[]) => planners },
    OccurrencePlannerService,
    SmsDispatchService,
    ReconcilerService,
    BroadcastValidator,
    BroadcastsService,
    DeliveryReceiptsService,
  ],
  exports: [
    OccurrencePlannerService,
    SmsDispatchService,
    ReconcilerService,
    BroadcastsService,
    BroadcastValidator,
    DeliveryReceiptsService,
    SandboxSmsRepository,
    ChannelPolicyRepository,
    SMS_PROVIDER,
  ],
})
export class DispatchModule {}
