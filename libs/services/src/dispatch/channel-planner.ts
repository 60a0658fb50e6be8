import type { EntityManager } from 'typeorm';
import type { BroadcastRow, OccurrenceRow, VersionContent } from '../../../persistence/src/index.js';

export interface PlanContext {
  manager: EntityManager;
  occurrence: OccurrenceRow;
  broadcast: BroadcastRow;
  version: VersionContent;
  /** Paths of the broadcast's target units. */
  targetPaths: string[];
}

export interface PlannedChannel {
  channel: string;
  deliveries: number;
  batches: number;
  /** When the first batch may go (quiet hours already applied). */
  wakeAt: Date;
}

/**
 * One per channel: writes an occurrence's deliveries for the channel (inside the planning
 * transaction, set-based) and, after commit, enqueues the work. Channels register in
 * dispatch.module.ts; the engine knows nothing else about them.
 */
export interface ChannelPlanner {
  readonly channel: string;
  plan(ctx: PlanContext): Promise<PlannedChannel>;
  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void>;
}

export const CHANNEL_PLANNERS = Symbol('CHANNEL_PLANNERS');
