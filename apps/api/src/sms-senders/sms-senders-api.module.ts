import { Module } from '@nestjs/common';
import { SmsSenderProfileRepository } from '#sms/repositories/sms-sender-profile.repository.js';
import { SmsSenderProfilesService } from '#sms/sms-sender-profiles.service.js';
import { SmsSendersController } from './sms-senders.controller.js';

@Module({
  providers: [SmsSenderProfileRepository, SmsSenderProfilesService],
  controllers: [SmsSendersController],
})
export class SmsSendersApiModule {}
