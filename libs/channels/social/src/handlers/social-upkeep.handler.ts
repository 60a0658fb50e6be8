import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SocialUpkeepService } from '../social-upkeep.service.js';

/** Token refresh, verification sweep and unpublish sweep; the slot only names the job. */
@HandlesJob(JOBS.socialUpkeep)
export class SocialUpkeepHandler implements JobHandler<JobPayload<'socialUpkeep'>> {
  constructor(private readonly upkeep: SocialUpkeepService) {}

  handle(): Promise<unknown> {
    return this.upkeep.run();
  }
}
