import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { HousekeepingService } from './housekeeping.service.js';

/** The nightly purge of expired and revoked refresh tokens; the day only names the job. */
@HandlesJob(JOBS.purgeRefreshTokens)
export class PurgeRefreshTokensHandler implements JobHandler<JobPayload<'purgeRefreshTokens'>> {
  constructor(private readonly housekeeping: HousekeepingService) {}

  async handle(): Promise<unknown> {
    return { removed: await this.housekeeping.purgeRefreshTokens() };
  }
}
