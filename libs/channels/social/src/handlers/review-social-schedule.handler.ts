import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SocialScheduleService } from '../social-schedule.service.js';

/** Facebook posts handed over ahead: withdraws the changed, hands over the newly due. The trigger only names the job. */
@HandlesJob(JOBS.reviewSocialSchedule)
export class ReviewSocialScheduleHandler implements JobHandler<JobPayload<'reviewSocialSchedule'>> {
  constructor(private readonly schedule: SocialScheduleService) {}

  handle(): Promise<unknown> {
    return this.schedule.run();
  }
}
