import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SocialDispatchService } from '../social-dispatch.service.js';

/** Looks up a post whose publish outcome was unknown, instead of publishing it again. */
@HandlesJob(JOBS.verifySocial)
export class VerifySocialHandler implements JobHandler<JobPayload<'verifySocial'>> {
  constructor(private readonly dispatch: SocialDispatchService) {}

  handle(payload: JobPayload<'verifySocial'>): Promise<unknown> {
    return this.dispatch.verify(payload.deliveryId);
  }
}
