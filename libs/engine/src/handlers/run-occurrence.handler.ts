import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { OccurrencePlannerService } from '../dispatch/occurrence-planner.service.js';

/** Plans an occurrence at its due time: its deliveries, then each channel's batches. */
@HandlesJob(JOBS.runOccurrence)
export class RunOccurrenceHandler implements JobHandler<JobPayload<'runOccurrence'>> {
  constructor(private readonly planner: OccurrencePlannerService) {}

  handle(payload: JobPayload<'runOccurrence'>): Promise<unknown> {
    return this.planner.run(payload.occurrenceId);
  }
}
