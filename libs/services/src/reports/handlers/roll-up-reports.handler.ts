import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { RollupService } from '../rollup.service.js';

/** Counts the settlements written since the last pass into the reports' rollup. */
@HandlesJob(JOBS.rollUpReports)
export class RollUpReportsHandler implements JobHandler<JobPayload<'rollUpReports'>> {
  constructor(private readonly rollup: RollupService) {}

  async handle(): Promise<unknown> {
    return { consumed: await this.rollup.rollUp() };
  }
}
