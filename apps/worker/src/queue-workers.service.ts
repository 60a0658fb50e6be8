import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { jobDuration, jobsProcessed } from '#metrics/index.js';
import { QUEUE_CONCURRENCY, QUEUES, queuePrefix, type QueueName } from '#queue/index.js';
import { JobHandlerRegistry } from './job-handler-registry.js';

/**
 * One BullMQ worker per queue, configured from the environment, handing each job to the one handler
 * of its queue and name. On shutdown each worker stops taking jobs and waits for the ones in flight
 * (worker.close()), before connections close.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('queue-workers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const queue of Object.values(QUEUES)) {
      const worker = new Worker(queue, (job) => this.process(queue, job), {
        connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
        prefix: queuePrefix(this.config.queuePrefix),
        concurrency: QUEUE_CONCURRENCY[queue](this.config),
        lockDuration: this.config.worker.lockDurationMs,
        stalledInterval: this.config.worker.stalledIntervalMs,
        maxStalledCount: 5,
      });
      worker.on('failed', (job, err) => this.logger.warn({ queue, jobId: job?.id, attempts: job?.attemptsMade, err }, 'job failed'));
      worker.on('error', (err) => this.logger.error({ queue, err }, 'worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.logger.log({ queues: Object.values(QUEUES) }, 'workers started');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'stopping workers: no new jobs, waiting for jobs in flight');
    await Promise.all(this.workers.map((w) => w.close()));
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
