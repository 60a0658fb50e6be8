import { Module } from '@nestjs/common';
import { SubscribersModule } from '#services/subscribers/subscribers.module.js';
import { ListUploadInterceptor } from './list-upload.interceptor.js';
import { SubscriberImportsController } from './subscriber-imports.controller.js';
import { SubscribersController } from './subscribers.controller.js';

/** Subscribers and their CSV imports (the inbound-SMS keywords arrive by the SMS webhooks). Imports come first: "imports" must not be read as a subscriber id. */
@Module({
  imports: [SubscribersModule],
  controllers: [SubscriberImportsController, SubscribersController],
  providers: [ListUploadInterceptor],
})
export class SubscribersApiModule {}
