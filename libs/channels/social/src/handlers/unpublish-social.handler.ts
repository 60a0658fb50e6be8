import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SocialDispatchService } from '../social-dispatch.service.js';

/** Deletes the posts of a cancelled broadcast that were handed over ahead of their time. */
@HandlesJob(JOBS.unpublishSocial)
export class UnpublishSocialHandler implements JobHandler<JobPayload<'unpublishSocial'>> {
  constructor(private readonly dispatch: SocialDispatchService) {}

  handle(payload: JobPayload<'unpublishSocial'>): Promise<unknown> {
    return this.dispatch.unpublishCancelled(payload.broadcastId);
  }
}
