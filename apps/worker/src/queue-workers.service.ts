import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { queuePrefix, type QueueName } from '#queue/index.js';
import { QUEUE_BINDINGS } from './handlers/index.js';
import type { JobHandler } from './handlers/job-handler.js';

/**
 * One BullMQ worker per queue, configured from the environment. On shutdown each worker stops
 * taking jobs and waits for the ones in flight (worker.close()), before connections close.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('queue-workers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [queue, binding] of Object.entries(QUEUE_BINDINGS) as [QueueName, (typeof QUEUE_BINDINGS)[QueueName]][]) {
      const handler = this.moduleRef.get<JobHandler>(binding.handler, { strict: false });
      const worker = new Worker(queue, (job) => handler.handle(job), {
        connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
        prefix: queuePrefix(this.config.queuePrefix),
        concurrency: binding.concurrency(this.config),
        lockDuration: this.config.worker.lockDurationMs,
        stalledInterval: this.config.worker.stalledIntervalMs,
        maxStalledCount: 5,
      });
      worker.on('failed', (job, err) => this.logger.warn({ queue, jobId: job?.id, attempts: job?.attemptsMade, err }, 'job failed'));
      worker.on('error', (err) => this.logger.error({ queue, err }, 'worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.logger.log({ queues: Object.keys(QUEUE_BINDINGS) }, 'workers started');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'stopping workers: no new jobs, waiting for jobs in flight');
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
