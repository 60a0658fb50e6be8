import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { QUEUES, type JobDefinition, type QueueName } from './catalogue.js';

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
 * recorded on the delivery, never thrown).
 */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }

  async add<P extends object>(def: JobDefinition<P>, item: EnqueueItem<P>): Promise<void> {
    await this.queue(def.queue).add(def.name, item.payload, this.options(def, item));
  }

  async addMany<P extends object>(def: JobDefinition<P>, items: EnqueueItem<P>[]): Promise<void> {
    const queue = this.queue(def.queue);
    for (let i = 0; i < items.length; i += 1000) {
      await queue.addBulk(items.slice(i, i + 1000).map((item) => ({ name: def.name, data: item.payload, opts: this.options(def, item) })));
    }
  }

  /**
   * Removes a waiting or delayed job; a job that is absent already counts as removed. A job a worker
   * holds (active, so locked) stays, which is a normal race: it re-reads its rows, finds them
   * cancelled and does nothing. BullMQ answers 0 for exactly that case; every other failure throws.
   */
  async remove<P extends object>(def: JobDefinition<P>, payload: P): Promise<'removed' | 'running'> {
    const removed = await this.queue(def.queue).remove(def.jobId(payload));
    return removed === 1 ? 'removed' : 'running';
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
