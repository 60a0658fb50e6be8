import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JOBS } from '#queue/index.js';
import { HousekeepingService } from '#services/housekeeping/housekeeping.service.js';
import type { JobHandler } from './job-handler.js';

@Injectable()
export class HousekeepingHandler implements JobHandler {
  constructor(private readonly housekeeping: HousekeepingService) {}

  async handle(job: Job): Promise<unknown> {
    if (job.name !== JOBS.purgeRefreshTokens.name) throw new Error(`unknown housekeeping job ${job.name}`);
    return { removed: await this.housekeeping.purgeRefreshTokens() };
  }
}
