import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { expandAhead } from '#domain/index.js';
import { BroadcastRepository, DeliveryRepository, TransactionRunner } from '#persistence/index.js';
import { acquireLease, JOBS, JobQueue, REDIS, releaseLease, taggedKey, type RedisClient } from '#queue/index.js';
import { CHANNEL_DEFINITIONS, wakeBatches, type ChannelDefinition } from '../channel-definition.js';
import { toDomainSchedule } from './schedule-mapping.js';

export interface ReconcileReport {
  markedUnknown: number;
  released: number;
  expanded: number;
  occurrenceJobs: number;
  batchJobs: number;
  completed: { occurrences: number; broadcasts: number };
}

/**
 * How far ahead a pass re-creates occurrence jobs: a few passes, not a day. Scheduling enqueues each
 * occurrence due within a day when it is created; a pass only repairs what Redis lost and gives
 * occurrences expanded later (recurring) their job before they are due. Re-adding a day of jobs every
 * pass (thousands of idempotent adds) held Redis and the worker long enough to make the occurrences
 * due at that moment start 100–300 ms late (bench/lateness.bench.ts).
 */
function occurrenceLookaheadMs(intervalSeconds: number): number {
  return Math.max(120_000, 3 * intervalSeconds * 1000);
}
const MAX_ROWS_PER_PASS = 5_000;

/**
 * Repairs drift between Postgres (the truth) and Redis (timing and work): re-creates the jobs of due
 * and upcoming occurrences and of batches with planned deliveries (enqueueing is idempotent by job
 * id), marks deliveries a dead worker left 'sending' as 'unknown', releases occurrences held for
 * approval, expands schedules ahead (recurring, or due past the horizon), and completes finished
 * work. One worker at a time runs it (a Redis lease); running it twice is harmless.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);

  constructor(
    private readonly broadcasts: BroadcastRepository,
    private readonly transactions: TransactionRunner,
    private readonly deliveries: DeliveryRepository,
    private readonly jobs: JobQueue,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs a pass unless another worker holds the lease; returns null when it did not run. */
  async runExclusive(): Promise<ReconcileReport | null> {
    const key = taggedKey(this.config.queuePrefix, 'reconciler-lease');
    const leaseMs = Math.max(5_000, this.config.engine.reconcileIntervalSeconds * 1000);
    const holder = await acquireLease(this.redis, key, leaseMs);
    if (!holder) return null;
    try {
      return await this.reconcile();
    } finally {
      await releaseLease(this.redis, key, holder);
    }
  }

  async reconcile(): Promise<ReconcileReport> {
    const markedUnknown = await this.deliveries.markStuckUnknown(this.config.engine.sendingTimeoutSeconds);
    const released = (await this.broadcasts.releaseHeldOccurrences()).length;
    const expanded = await this.expandSchedules();

    const due = await this.broadcasts.pendingOccurrencesDueBefore(new Date(Date.now() + occurrenceLookaheadMs(this.config.engine.reconcileIntervalSeconds)), MAX_ROWS_PER_PASS);
    await this.jobs.addMany(
      JOBS.runOccurrence,
      due.map((o) => ({ payload: { occurrenceId: o.id }, runAt: o.dueAt })),
    );

    const batches = await this.deliveries.openBatches(MAX_ROWS_PER_PASS);
    await wakeBatches(this.channels, batches);

    const completed = await this.broadcasts.completeFinished();
    const report = { markedUnknown, released, expanded, occurrenceJobs: due.length, batchJobs: batches.length, completed };
    if (markedUnknown || released || expanded || completed.occurrences || completed.broadcasts) {
      this.logger.log(report, 'reconciled');
    }
    return report;
  }

  /** Schedules not fully expanded get their occurrences materialised up to the horizon; fully expanded ones stop here. */
  private async expandSchedules(): Promise<number> {
    let created = 0;
    const horizon = new Date(Date.now() + this.config.engine.recurrenceHorizonDays * 86_400_000);
    for (const broadcast of await this.broadcasts.notFullyExpanded()) {
      const schedule = toDomainSchedule(broadcast.schedule, broadcast.timeZone);
      const last = broadcast.lastDueAt;
      const { due, exhausted } = expandAhead(schedule, last ? new Date(last.getTime() + 1) : new Date(0), horizon, 500);
      if (due.length === 0 && !exhausted) continue;
      await this.transactions.run(async (m) => {
        created += (await this.broadcasts.insertOccurrences(m, broadcast.id, due)).length;
        if (exhausted) await this.broadcasts.markFullyExpanded(m, broadcast.id);
      });
    }
    return created;
  }
}
