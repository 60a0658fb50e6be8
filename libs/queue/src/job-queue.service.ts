import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { QUEUES, type JobDefinition, type QueueName } from './catalogue.js';
import { physicalQueueOf, physicalQueues, queuePrefix, shardCount } from './queue-shards.js';
import { createRedis, type RedisClient } from './redis.js';

/** Jobs per addBulk call. */
const ADD_CHUNK = 250;

export interface EnqueueItem<P> {
  payload: P;
  /** Run no earlier than this instant. */
  runAt?: Date;
  priority?: number;
}

/**
 * Typed enqueueing over the catalogue. Job ids are deterministic, completed jobs are removed at once
 * so the reconciler can add the same id again after Redis lost its data, and handler errors are
 * retried with backoff (they mean Postgres or Redis hiccuped, not a provider failure: those are
 * recorded on the delivery, never thrown). A sharded queue's jobs go to the shard of their payload.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  /** Every physical queue (shards included), by name; all share one connection. */
  private readonly queues = new Map<string, Queue>();
  private readonly connection: RedisClient;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config, 'queue');
    for (const name of Object.values(QUEUES)) {
      for (const physical of physicalQueues(name, shardCount(name, config))) {
        this.queues.set(physical, new Queue(physical, { connection: this.connection, prefix: queuePrefix(config.queuePrefix, physical) }));
      }
    }
  }

  /** A catalogue queue, its first shard when it is sharded (see `shards`). */
  queue(name: QueueName): Queue {
    return this.physical(name);
  }

  /** Every physical queue of a catalogue queue: one, or SMS_QUEUE_SHARDS of an SMS lane. */
  shards(name: QueueName): Queue[] {
    return physicalQueues(name, shardCount(name, this.config)).map((physical) => this.physical(physical));
  }

  /** Every physical queue, for views over all of them (Bull Board). */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  async add<P extends object>(def: JobDefinition<P>, item: EnqueueItem<P>): Promise<void> {
    await this.queueOf(def, item.payload).add(def.name, item.payload, this.options(def, item));
  }

  async addMany<P extends object>(def: JobDefinition<P>, items: EnqueueItem<P>[]): Promise<void> {
    const byQueue = new Map<Queue, EnqueueItem<P>[]>();
    for (const item of items) {
      const queue = this.queueOf(def, item.payload);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), item]);
    }
    for (const [queue, queued] of byQueue) {
      // A few hundred at a time, the event loop let go between them: one bulk of thousands holds Redis
      // (one script per job) and this process long enough to delay the jobs due meanwhile.
      for (let i = 0; i < queued.length; i += ADD_CHUNK) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        await queue.addBulk(queued.slice(i, i + ADD_CHUNK).map((item) => ({ name: def.name, data: item.payload, opts: this.options(def, item) })));
      }
    }
  }

  /**
   * Removes a waiting or delayed job; a job that is absent already counts as removed. A job a worker
   * holds (active, so locked) stays, which is a normal race: it re-reads its rows, finds them
   * cancelled and does nothing. BullMQ answers 0 for exactly that case; every other failure throws.
   */
  async remove<P extends object>(def: JobDefinition<P>, payload: P): Promise<'removed' | 'running'> {
    const removed = await this.queueOf(def, payload).remove(def.jobId(payload));
    return removed === 1 ? 'removed' : 'running';
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private queueOf<P>(def: JobDefinition<P>, payload: P): Queue {
    return this.physical(physicalQueueOf(def, payload, shardCount(def.queue, this.config)));
  }

  private physical(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }

  private options<P extends object>(def: JobDefinition<P>, item: EnqueueItem<P>): JobsOptions {
    const delay = item.runAt ? Math.max(0, item.runAt.getTime() - Date.now()) : 0;
    return {
      jobId: def.jobId(item.payload),
      delay,
      priority: item.priority,
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 86_400 },
    };
  }
}
