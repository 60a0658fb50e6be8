import { Module } from '@nestjs/common';
import { SubscriberImportRepository } from '#persistence/repositories/subscriber-import.repository.js';
import { SubscriberRepository } from '#persistence/repositories/subscriber.repository.js';
import { SubscriberImportService } from './subscriber-import.service.js';
import { SubscribersService } from './subscribers.service.js';
import { SubscriptionService } from './subscription.service.js';

/** Citizens who receive SMS: their records, CSV imports, and opt-out/opt-in by SMS keyword (SubscriptionService). */
@Module({
  providers: [SubscriberRepository, SubscriberImportRepository, SubscribersService, SubscriberImportService, SubscriptionService],
  exports: [SubscribersService, SubscriberImportService, SubscriptionService],
})
export class SubscribersModule {}
