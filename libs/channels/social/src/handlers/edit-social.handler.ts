import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SocialDispatchService } from '../social-dispatch.service.js';

/** Brings the published posts of an updated emergency to its new version. */
@HandlesJob(JOBS.editSocial)
export class EditSocialHandler implements JobHandler<JobPayload<'editSocial'>> {
  constructor(private readonly dispatch: SocialDispatchService) {}

  handle(payload: JobPayload<'editSocial'>): Promise<unknown> {
    return this.dispatch.editPublished(payload.broadcastId, payload.messageVersion);
  }
}
