import { Module } from '@nestjs/common';
import { EngineModule } from '#engine/engine.module.js';
import { SubscribersModule } from '#services/subscribers/subscribers.module.js';
import { SmsModule } from '#sms/sms.module.js';
import { SmsWebhooksService } from '#sms/sms-webhooks.service.js';
import { SmsWebhookGuard } from './sms-webhook.guard.js';
import { SmsWebhooksController } from './sms-webhooks.controller.js';

/** The SMS providers' webhooks: reports to the engine's receipts, keyword SMS to the subscriptions. */
@Module({
  imports: [SmsModule, EngineModule, SubscribersModule],
  controllers: [SmsWebhooksController],
  providers: [SmsWebhooksService, SmsWebhookGuard],
})
export class SmsWebhooksApiModule {}
