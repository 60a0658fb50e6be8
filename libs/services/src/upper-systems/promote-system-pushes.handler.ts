import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { SystemPushesService } from './system-pushes.service.js';

/** Every minute: pushed bulletins whose loudspeaker audio is ready become broadcasts. */
@HandlesJob(JOBS.promoteSystemPushes)
export class PromoteSystemPushesHandler implements JobHandler<JobPayload<'promoteSystemPushes'>> {
  constructor(private readonly pushes: SystemPushesService) {}

  handle(): Promise<unknown> {
    return this.pushes.promotePreparing();
  }
}
