import type { Job } from 'bullmq';

/** One handler per queue: parse the job, make one service call. Throwing means "retry the job". */
export interface JobHandler {
  handle(job: Job): Promise<unknown>;
}
