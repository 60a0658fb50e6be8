import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { BroadcastRepository, ChannelPolicyRepository, DeliveryRepository, MessageContentRepository } from '#persistence/index.js';
import { RateLimiter } from '#engine/dispatch/rate-limiter.js';
import { SandboxSmsRepository } from './sandbox-sms.repository.js';
import { SmsDeliveryRepository } from './repositories/sms-delivery.repository.js';
import { SmsChannel } from './sms.channel.js';
import { SMS_JOB_HANDLERS } from './sms.handlers.js';
import { SmsDispatchService } from './sms-dispatch.service.js';
import { SmsPlanner } from './sms-planner.js';
import { createSmsProvider, SMS_PROVIDER } from './sms-providers.js';
import { SubscriberOptOutRepository } from './subscriber-opt-out.repository.js';
import { SmsSenderProfileRepository } from './repositories/sms-sender-profile.repository.js';

/** The SMS channel: its definition for the engine, the provider of this process, batch dispatch and the sandbox's outbox. */
@Module({
  providers: [
    BroadcastRepository,
    DeliveryRepository,
    SmsDeliveryRepository,
    ChannelPolicyRepository,
    MessageContentRepository,
    SubscriberOptOutRepository,
    SmsSenderProfileRepository,
    SandboxSmsRepository,
    RateLimiter,
    {
      provide: SMS_PROVIDER,
      inject: [APP_CONFIG, SandboxSmsRepository],
      useFactory: (config: AppConfig, sandbox: SandboxSmsRepository) => createSmsProvider(config, sandbox, new Logger('sms')),
    },
    SmsPlanner,
    SmsDispatchService,
    SmsChannel,
    ...SMS_JOB_HANDLERS,
  ],
  exports: [SmsChannel, SmsDispatchService, SandboxSmsRepository, SMS_PROVIDER],
})
export class SmsModule {}
