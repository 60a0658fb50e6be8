import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { EmergencyChangePropagation } from './emergency-change-propagation.js';

/** Every 15 s (the worker's cron): emergency changes committed but not propagated are completed. */
@HandlesJob(JOBS.completeEmergencyChanges)
export class CompleteEmergencyChangesHandler implements JobHandler<JobPayload<'completeEmergencyChanges'>> {
  constructor(private readonly propagation: EmergencyChangePropagation) {}

  handle(): Promise<unknown> {
    return this.propagation.completePending();
  }
}
