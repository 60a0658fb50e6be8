import { HandlesJob, JOBS, type JobHandler, type SocialBatchPayload } from '#queue/index.js';
import { SocialDispatchService } from '../social-dispatch.service.js';

/** Publishes a batch of Zalo or Facebook posts of an occurrence. */
@HandlesJob(JOBS.publishSocial)
export class PublishSocialHandler implements JobHandler<SocialBatchPayload> {
  constructor(private readonly dispatch: SocialDispatchService) {}

  handle(payload: SocialBatchPayload): Promise<unknown> {
    return this.dispatch.publish(payload);
  }
}
