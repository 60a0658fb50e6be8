import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JOBS, JobQueue } from '#queue/index.js';

/**
 * Every minute: the review of Facebook posts handed over ahead. Every ten minutes: Zalo token
 * refresh (tokens expiring within SOCIAL_TOKEN_REFRESH_HOURS), the verification sweep of unknown
 * publishes, and cancelled scheduled posts. The slot in the job id keeps several worker replicas
 * from running it twice.
 */
@Injectable()
export class SocialCronService {
  constructor(private readonly jobs: JobQueue) {}

  @Cron('*/10 * * * *', { name: 'social-upkeep' })
  async enqueueUpkeep(): Promise<void> {
    await this.jobs.add(JOBS.socialUpkeep, { payload: { slot: minuteSlot() } });
  }

  /** Every minute: a post handed to Facebook ahead is withdrawn well before its time if its message changed. */
  @Cron('* * * * *', { name: 'social-schedule' })
  async enqueueScheduleReview(): Promise<void> {
    await this.jobs.add(JOBS.reviewSocialSchedule, { payload: { trigger: `cron-${minuteSlot()}` } });
  }
}

function minuteSlot(): string {
  return new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
}
