import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { RelayAutoPlacer } from '../relays/relay-auto-placer.js';

/** Every minute: relays past their deadline go into the first airing with room. */
@HandlesJob(JOBS.placeDueRelays)
export class PlaceDueRelaysHandler implements JobHandler<JobPayload<'placeDueRelays'>> {
  constructor(private readonly placer: RelayAutoPlacer) {}

  handle(): Promise<unknown> {
    return this.placer.placeDue();
  }
}
