import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { jobDuration, jobsProcessed } from '#metrics/index.js';
import {
  assertRedisMode,
  createRedis,
  physicalQueues,
  QUEUE_CONCURRENCY,
  QUEUES,
  queuePrefix,
  shardCount,
  throttledErrorLog,
  type QueueName,
  type RedisClient,
} from '#queue/index.js';
import { JobHandlerRegistry } from './job-handler-registry.js';

/**
 * One BullMQ worker per queue (per shard of a sharded queue), configured from the environment, handing
 * each job to the one handler of its catalogue queue and name. On shutdown each worker stops taking
 * jobs and waits for the ones in flight (worker.close()), before connections close.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('queue-workers');
  private readonly workers: Worker[] = [];
  private readonly connections: RedisClient[] = [];

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const probe = createRedis(this.config, 'worker');
    try {
      await assertRedisMode(probe);
    } finally {
      probe.disconnect();
    }
    const started: string[] = [];
    for (const queue of Object.values(QUEUES)) {
      for (const physical of physicalQueues(queue, shardCount(queue, this.config))) {
        // Its own connection: BullMQ duplicates it for the blocking fetch, and a shared one would serialise the workers.
        const connection = createRedis(this.config, 'worker');
        this.connections.push(connection);
        const worker = new Worker(physical, (job) => this.process(queue, job), {
          connection,
          prefix: queuePrefix(this.config.queuePrefix, physical),
          concurrency: QUEUE_CONCURRENCY[queue](this.config),
          lockDuration: this.config.worker.lockDurationMs,
          stalledInterval: this.config.worker.stalledIntervalMs,
          maxStalledCount: 5,
        });
        const logError = throttledErrorLog(`queue-workers ${physical}`);
        worker.on('failed', (job, err) => this.logger.warn({ queue: physical, jobId: job?.id, attempts: job?.attemptsMade, err }, 'job failed'));
        worker.on('error', logError);
        this.workers.push(worker);
        started.push(physical);
      }
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.logger.log({ queues: started }, 'workers started');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'stopping workers: no new jobs, waiting for jobs in flight');
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }

  /**
   * A name this build does not know fails the job and is retried like any error: during a rolling
   * deploy it may come from a newer build whose workers can run it.
   */
  private async process(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.handlerOf(queue, job.name);
    if (!handler) {
      this.logger.error({ queue, jobId: job.id, name: job.name }, 'no handler for this job name');
      throw new Error(`no handler for job ${job.name} on queue ${queue}`);
    }
    const stopTimer = jobDuration.startTimer({ queue });
    try {
      const result = await handler.handle(job.data, job);
      jobsProcessed.inc({ queue, outcome: 'completed' });
      return result;
    } catch (error) {
      jobsProcessed.inc({ queue, outcome: 'failed' });
      throw error;
    } finally {
      stopTimer();
    }
  }
}
