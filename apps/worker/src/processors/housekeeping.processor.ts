import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, QUEUES } from '../../../../libs/queue/src/index.js';
import { HousekeepingService } from '../../../../libs/services/src/housekeeping/housekeeping.service.js';

@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor extends WorkerHost {
  constructor(private readonly housekeeping: HousekeepingService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.purgeRefreshTokens.name:
        return { removed: await this.housekeeping.purgeRefreshTokens() };
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.housekeeping}`);
    }
  }
}
