import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../../../libs/queue/src/index.js';

/** Cron triggers only enqueue; the deterministic job id keeps several worker replicas from doubling work. */
@Injectable()
export class SchedulerService {
  constructor(@InjectQueue(QUEUES.housekeeping) private readonly housekeeping: Queue) {}

  @Cron('17 3 * * *', { name: 'purge-refresh-tokens', timeZone: 'Asia/Ho_Chi_Minh' })
  async enqueuePurgeRefreshTokens(): Promise<void> {
    const payload = { day: new Date().toISOString().slice(0, 10) };
    await this.housekeeping.add(JOBS.purgeRefreshTokens.name, payload, {
      jobId: JOBS.purgeRefreshTokens.jobId(payload),
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    });
  }
}
