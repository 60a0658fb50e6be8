import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobPayload } from '#queue/index.js';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import type { JobHandler } from './job-handler.js';

@Injectable()
export class OccurrenceHandler implements JobHandler {
  constructor(private readonly planner: OccurrencePlannerService) {}

  handle(job: Job<JobPayload<'runOccurrence'>>): Promise<unknown> {
    return this.planner.run(job.data.occurrenceId);
  }
}
