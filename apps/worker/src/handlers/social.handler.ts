import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JOBS, type SocialBatchPayload } from '#queue/index.js';
import { SocialDispatchService } from '#social/social-dispatch.service.js';
import { SocialScheduleService } from '#social/social-schedule.service.js';
import { SocialUpkeepService } from '#social/social-upkeep.service.js';
import type { JobHandler } from './job-handler.js';

/** The social queue: publish a post, verify an unknown publish, delete cancelled scheduled posts, Facebook posts ahead, periodic upkeep. */
@Injectable()
export class SocialHandler implements JobHandler {
  constructor(
    private readonly dispatch: SocialDispatchService,
    private readonly upkeep: SocialUpkeepService,
    private readonly schedule: SocialScheduleService,
  ) {}

  handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.publishSocial.name:
        return this.dispatch.publish(job.data as SocialBatchPayload);
      case JOBS.verifySocial.name:
        return this.dispatch.verify((job.data as { deliveryId: string }).deliveryId);
      case JOBS.unpublishSocial.name:
        return this.dispatch.unpublishCancelled((job.data as { broadcastId: string }).broadcastId);
      case JOBS.socialUpkeep.name:
        return this.upkeep.run();
      case JOBS.reviewSocialSchedule.name:
        return this.schedule.run();
      default:
        throw new Error(`unknown social job ${job.name}`);
    }
  }
}
