import { Module } from '@nestjs/common';
import { SubscribersModule } from '#services/subscribers/subscribers.module.js';
import { TwilioInboundController } from '../webhooks/twilio-inbound.controller.js';
import { ListUploadInterceptor } from './list-upload.interceptor.js';
import { SubscriberImportsController } from './subscriber-imports.controller.js';
import { SubscribersController } from './subscribers.controller.js';

/** Subscribers, their CSV imports and the inbound-SMS keywords. Imports come first: "imports" must not be read as a subscriber id. */
@Module({
  imports: [SubscribersModule],
  controllers: [SubscriberImportsController, SubscribersController, TwilioInboundController],
  providers: [ListUploadInterceptor],
})
export class SubscribersApiModule {}
