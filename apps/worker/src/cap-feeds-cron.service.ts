import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JOBS, JobQueue } from '#queue/index.js';

/** Every minute: the CAP feeds of CAP_FEEDS are polled (the minute in the job id keeps replicas from doubling it). */
@Injectable()
export class CapFeedsCronService {
  constructor(private readonly jobs: JobQueue) {}

  @Cron('* * * * *', { name: 'poll-cap-feeds' })
  async enqueuePoll(): Promise<void> {
    await this.jobs.add(JOBS.pollCapFeeds, { payload: { slot: new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '') } });
  }
}
