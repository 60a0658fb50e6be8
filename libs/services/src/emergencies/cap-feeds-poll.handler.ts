import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { CapFeedPoller } from './cap-feed-poller.service.js';

/** Every minute (the worker's cron): the CAP feeds of CAP_FEEDS read for new alerts. */
@HandlesJob(JOBS.pollCapFeeds)
export class PollCapFeedsHandler implements JobHandler<JobPayload<'pollCapFeeds'>> {
  constructor(private readonly poller: CapFeedPoller) {}

  async handle(): Promise<unknown> {
    return { feeds: await this.poller.pollAll() };
  }
}
