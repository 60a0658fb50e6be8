import type { EntityManager } from 'typeorm';
import type { Priority } from '#domain/index.js';
import type { BroadcastRow, OccurrenceRow, VersionContent } from '#persistence/index.js';

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

/** A batch with deliveries waiting to go, and the earliest instant one of them may. */
export interface WaitingBatch {
  occurrenceId: string;
  batchNo: number;
  wakeAt: Date;
  priority: Priority;
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
  /**
   * Enqueues the jobs that send these batches (idempotent: job ids are deterministic). The planner
   * after planning, the reconciler after Redis lost work and a supervisor's retry all wake batches
   * through here. Channels whose devices pull their work (loudspeakers, boards) have no batches.
   */
  wake?(batches: WaitingBatch[]): Promise<void>;
}

/** The batches of one planned channel of an occurrence, all due at the channel's wake time. */
export function plannedBatches(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): WaitingBatch[] {
  return Array.from({ length: planned.batches }, (_, batchNo) => ({ occurrenceId, batchNo, wakeAt: planned.wakeAt, priority: broadcast.priority }));
}

export const CHANNEL_PLANNERS = Symbol('CHANNEL_PLANNERS');

/** Wakes each channel's waiting batches through that channel's planner. */
export async function wakeBatches(planners: readonly ChannelPlanner[], batches: (WaitingBatch & { channel: string })[]): Promise<void> {
  for (const planner of planners) {
    const mine = batches.filter((b) => b.channel === planner.channel);
    if (mine.length && planner.wake) await planner.wake(mine);
  }
}
