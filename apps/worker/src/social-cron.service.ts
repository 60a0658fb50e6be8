import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JOBS, JobQueue } from '../../../libs/queue/src/index.js';

/**
 * Every ten minutes: Zalo token refresh (tokens expiring within SOCIAL_TOKEN_REFRESH_HOURS), the
 * verification sweep of unknown publishes, and cancelled scheduled posts. The slot in the job id
 * keeps several worker replicas from running it twice.
 */
@Injectable()
export class SocialCronService {
  constructor(private readonly jobs: JobQueue) {}

  @Cron('*/10 * * * *', { name: 'social-upkeep' })
  async enqueueUpkeep(): Promise<void> {
    await this.jobs.add(JOBS.socialUpkeep, { payload: { slot: new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '') } });
  }
}
