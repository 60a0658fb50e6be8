import { Module } from '@nestjs/common';
import { APP_CONFIG } from '#config/index.js';
import { BroadcastRepository, DeliveryRepository, MessageContentRepository } from '#persistence/index.js';
import { ChannelAccountRepository } from './repositories/channel-account.repository.js';
import { SocialDeliveryRepository } from './repositories/channel-account-delivery.repository.js';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { SocialDispatchService } from './social-dispatch.service.js';
import { FacebookPlanner, ZaloPlanner } from './social-planner.js';
import { FacebookChannel, ZaloChannel } from './social.channel.js';
import { SOCIAL_JOB_HANDLERS } from './social.handlers.js';
import { createSecretBox, createSocialPublishers, SECRET_BOX, SOCIAL_PUBLISHERS } from './social-providers.js';
import { SocialImageLoader } from './social-image.js';
import { SocialTokensService } from './social-tokens.service.js';
import { SocialScheduleService } from './social-schedule.service.js';
import { SocialUpkeepService } from './social-upkeep.service.js';

/** Zalo OA and Facebook Page: accounts (sealed secrets), channel definitions for the engine, publishing, verification, token upkeep. */
@Module({
  imports: [AttachmentsModule],
  providers: [
    { provide: SECRET_BOX, inject: [APP_CONFIG], useFactory: createSecretBox },
    { provide: SOCIAL_PUBLISHERS, inject: [APP_CONFIG], useFactory: createSocialPublishers },
    BroadcastRepository,
    DeliveryRepository,
    MessageContentRepository,
    ChannelAccountRepository,
    SocialDeliveryRepository,
    ZaloPlanner,
    FacebookPlanner,
    ZaloChannel,
    FacebookChannel,
    ...SOCIAL_JOB_HANDLERS,
    SocialTokensService,
    SocialDispatchService,
    SocialImageLoader,
    SocialUpkeepService,
    SocialScheduleService,
    ChannelAccountsService,
  ],
  exports: [ZaloChannel, FacebookChannel, SocialDeliveryRepository, SocialDispatchService, SocialUpkeepService, SocialScheduleService, ChannelAccountsService],
})
export class SocialModule {}
