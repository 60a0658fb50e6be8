import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { ConfigModule, type AppConfig } from '#config/index.js';
import { HandlesJob, JobCatalogueError, JOBS, JobQueue, QueueModule, type JobDefinition, type JobHandler, type JobKey } from '#queue/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import { testConfig } from '#test/test-config.js';
import { QueueWorkersModule } from './queue-workers.module.js';

interface Handled {
  handler: string;
  queue: string;
  payload: object;
}

/** A handler class for one job of the catalogue that records what it was given. */
function recordingHandler(key: JobKey, handled: Handled[], suffix = ''): Type<JobHandler> {
  const name = `${key}${suffix}Handler`;
  @HandlesJob(JOBS[key] as JobDefinition<object>)
  class Recording implements JobHandler {
    async handle(payload: object, job: Job): Promise<unknown> {
      handled.push({ handler: name, queue: job.queueName, payload });
      return name;
    }
  }
  Object.defineProperty(Recording, 'name', { value: name });
  return Recording;
}

/** A stand-in for the channel registry: a module per job (as each package brings its own), minus `without`, plus `extra`. */
function registryModule(handled: Handled[], options: { without?: JobKey[]; extra?: Type<JobHandler>[] } = {}): DynamicModule[] {
  const keys = (Object.keys(JOBS) as JobKey[]).filter((key) => !options.without?.includes(key));
  const modules = keys.map((key) => {
    @Module({})
    class PackageModule {}
    return { module: PackageModule, providers: [recordingHandler(key, handled)] };
  });
  @Module({})
  class ExtraModule {}
  return [...modules, { module: ExtraModule, providers: options.extra ?? [] }];
}

/**
 * The worker's boot (module init, then bootstrap) with the queue workers and a test registry of
 * handlers. A testing module, unlike NestFactory, hands back the context before init, so a failed
 * boot can still be closed.
 */
async function bootWorker(config: AppConfig, registry: DynamicModule[]): Promise<INestApplicationContext> {
  const app = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), QueueModule, QueueWorkersModule, ...registry] }).compile();
  app.useLogger(false);
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

describe('the queue workers', () => {
  const config = testConfig({ databaseUrl: 'postgres://unused' });

  describe('with every job of the catalogue handled once', () => {
    const handled: Handled[] = [];
    let app: INestApplicationContext;

    beforeAll(async () => {
      app = await bootWorker(config, registryModule(handled));
    });
    afterAll(() => app.close());

    it('hands each job to the handler of its queue and name, with its payload', async () => {
      const jobs = app.get(JobQueue);
      const batch = { occurrenceId: 'o1', batchNo: 2, wakeAt: 0 };
      await jobs.add(JOBS.sendSmsBatch, { payload: batch });
      await jobs.add(JOBS.sendUrgentSmsBatch, { payload: { ...batch, batchNo: 3 } });
      await jobs.add(JOBS.verifySocial, { payload: { deliveryId: 'd1', attempt: 1 } });

      await waitFor(async () => handled.length, (n) => n >= 3, 10_000, 'three jobs handled');
      const byHandler = (name: string) => handled.filter((h) => h.handler === name);
      expect(byHandler('sendSmsBatchHandler')).toEqual([{ handler: 'sendSmsBatchHandler', queue: 'sms-bulk', payload: batch }]);
      expect(byHandler('sendUrgentSmsBatchHandler')).toEqual([{ handler: 'sendUrgentSmsBatchHandler', queue: 'sms-urgent', payload: { ...batch, batchNo: 3 } }]);
      expect(byHandler('verifySocialHandler')).toEqual([{ handler: 'verifySocialHandler', queue: 'social', payload: { deliveryId: 'd1', attempt: 1 } }]);
    });

    it('fails a job whose name no handler serves, loudly, and hands it to nobody', async () => {
      const queue = app.get(JobQueue).queue(JOBS.socialUpkeep.queue);
      const before = handled.length;
      const job = await queue.add('post-to-myspace', { x: 1 }, { attempts: 1 });

      const state = await waitFor(() => queue.getJobState(job.id!), (s) => s === 'failed', 10_000, 'the unknown job failed');
      expect(state).toBe('failed');
      expect((await queue.getJob(job.id!))?.failedReason).toBe('no handler for job post-to-myspace on queue social');
      expect(handled.length).toBe(before);
    });
  });

  it('refuses to boot when a job has no handler, naming it', async () => {
    const boot = bootWorker(config, registryModule([], { without: ['prepareLoudspeakerAudio'] }));
    await expect(boot).rejects.toThrow(JobCatalogueError);
    await expect(boot).rejects.toThrow(
      'job catalogue check failed: no handler for job prepareLoudspeakerAudio (loudspeaker-audio/prepare-loudspeaker-audio)',
    );
  });

  it('refuses to boot when a job has two handlers, naming the job and both classes', async () => {
    const boot = bootWorker(config, registryModule([], { extra: [recordingHandler('runOccurrence', [], 'Second')] }));
    await expect(boot).rejects.toThrow(
      'job catalogue check failed: 2 handlers for job runOccurrence (occurrences/run-occurrence): runOccurrenceHandler, runOccurrenceSecondHandler',
    );
  });
});
