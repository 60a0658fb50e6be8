import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { ActivitiesService } from './activities.service.js';
import { ActivityRepository } from './activity.repository.js';

/** The log of communication activities that are not broadcasts. */
@Module({
  imports: [AttachmentsModule],
  providers: [ActivityRepository, ActivitiesService],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
