import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { JobQueue, QUEUES, REDIS, WorkerHeartbeats, type QueueName } from '#queue/index.js';
import { OperationsGaugeRepository } from './operations-gauges.repository.js';

/** An occurrence still pending this long after its due time counts as late. */
export const LATE_AFTER_SECONDS = 60;
const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

interface QueueSnapshot {
  counts: Record<string, number>;
  /** Seconds since the oldest job ready to run became ready; 0 when none waits. */
  oldestAgeSeconds: number;
}

/**
 * The api's gauges of the whole installation, computed when Prometheus scrapes (collect callbacks),
 * never kept up to date on the hot paths: queue depth and the age of the oldest waiting job (Redis),
 * stations and boards online and late occurrences (one aggregate query each), live workers (their
 * heartbeats). Every api process reports the same values: aggregate with max(), not sum().
 */
@Injectable()
export class OperationsGauges {
  private readonly logger = new Logger('operations-gauges');
  readonly registry = new Registry();
  private readonly heartbeats: WorkerHeartbeats;

  constructor(
    private readonly jobs: JobQueue,
    repository: OperationsGaugeRepository,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.heartbeats = new WorkerHeartbeats(redis, config.queuePrefix);
    const gauges = this;
    const registers = [this.registry];
    new Gauge({
      name: 'tincoso_queue_jobs',
      help: 'Jobs in each queue by state (waiting, prioritized, delayed, active, failed)',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: gauges.orEmpty(async function () {
        for (const [queue, snapshot] of await gauges.queues()) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, snapshot.counts[state] ?? 0);
        }
      }),
    });
    new Gauge({
      name: 'tincoso_queue_oldest_job_age_seconds',
      help: 'Seconds the oldest job ready to run has waited in each queue (0: none waits)',
      labelNames: ['queue'] as const,
      registers,
      collect: gauges.orEmpty(async function () {
        for (const [queue, snapshot] of await gauges.queues()) this.set({ queue }, snapshot.oldestAgeSeconds);
      }),
    });
    new Gauge({
      name: 'tincoso_devices',
      help: 'Loudspeaker stations and bulletin boards by state (online: seen within its offline limit)',
      labelNames: ['kind', 'state'] as const,
      registers,
      collect: gauges.orEmpty(async function () {
        const devices = await repository.devices(config.stationOfflineAfterSeconds, config.boardOfflineAfterSeconds);
        for (const kind of ['station', 'board'] as const) {
          this.set({ kind, state: 'online' }, devices[kind].online);
          this.set({ kind, state: 'offline' }, devices[kind].total - devices[kind].online);
        }
      }),
    });
    new Gauge({
      name: 'tincoso_occurrences_late',
      help: `Occurrences still pending more than ${LATE_AFTER_SECONDS} s after they were due`,
      registers,
      collect: gauges.orEmpty(async function () {
        this.set(await repository.lateOccurrences(LATE_AFTER_SECONDS));
      }),
    });
    new Gauge({
      name: 'tincoso_workers_alive',
      help: 'Worker processes whose heartbeat is younger than WORKER_HEARTBEAT_STALE_SECONDS',
      registers,
      collect: gauges.orEmpty(async function () {
        this.set((await gauges.heartbeats.status(config.metrics.workerHeartbeatStaleSeconds)).alive);
      }),
    });
  }

  /**
   * A gauge whose source does not answer (Redis or Postgres down) is left out of the scrape instead
   * of failing it: the counters and the HTTP latency still reach Prometheus, and absent() tells.
   */
  private orEmpty<G extends Gauge<string>>(collect: (this: G) => Promise<void>): (this: G) => Promise<void> {
    const logger = this.logger;
    return async function (this: G) {
      try {
        await collect.call(this);
      } catch (err) {
        this.reset();
        logger.warn({ err, metric: (this as unknown as { name: string }).name }, 'gauge not collected');
      }
    };
  }

  private reading: Promise<Map<QueueName, QueueSnapshot>> | undefined;

  /** One read of every queue per scrape, shared by the two queue gauges (their collects run together). */
  private queues(): Promise<Map<QueueName, QueueSnapshot>> {
    this.reading ??= this.readQueues().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readQueues(): Promise<Map<QueueName, QueueSnapshot>> {
    const entries = await Promise.all(
      Object.values(QUEUES).map(async (name) => [name, mergeShards(await Promise.all(this.jobs.shards(name).map(queueSnapshot)))] as const),
    );
    return new Map(entries);
  }
}

/** A sharded queue (SMS_QUEUE_SHARDS) is reported as one: its shards' counts summed, the oldest age of any. */
function mergeShards(snapshots: QueueSnapshot[]): QueueSnapshot {
  const counts: Record<string, number> = {};
  for (const snapshot of snapshots) for (const [state, n] of Object.entries(snapshot.counts)) counts[state] = (counts[state] ?? 0) + n;
  return { counts, oldestAgeSeconds: Math.max(0, ...snapshots.map((s) => s.oldestAgeSeconds)) };
}

async function queueSnapshot(queue: Queue): Promise<QueueSnapshot> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts(...QUEUE_STATES),
    // asc: the job that has waited longest comes first in each state.
    queue.getJobs(['waiting', 'prioritized'], 0, 0, true),
  ]);
  const now = Date.now();
  const readySince = oldest.filter(Boolean).map((job) => job.timestamp + (job.delay ?? 0));
  const oldestAgeSeconds = readySince.length ? Math.max(0, (now - Math.min(...readySince)) / 1000) : 0;
  return { counts, oldestAgeSeconds };
}
