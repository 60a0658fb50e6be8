import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { ConfigModule, type AppConfig } from '#config/index.js';
import { testConfig } from '#test/test-config.js';
import { JOBS, type JobDefinition } from './catalogue.js';
import { JobQueue } from './job-queue.service.js';
import { QueueModule } from './queue.module.js';
import { queuePrefix } from './queue-shards.js';

/** JobQueue.remove against the real Redis: removes what waits, leaves what runs, throws everything else. */
describe('JobQueue.remove', () => {
  let config: AppConfig;
  let app: INestApplicationContext;
  let jobs: JobQueue;

  beforeAll(async () => {
    config = testConfig({ databaseUrl: 'postgres://unused' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), QueueModule] }).compile();
    app = await moduleRef.init();
    jobs = app.get(JobQueue);
  });

  afterAll(() => app.close());

  const later = () => new Date(Date.now() + 3_600_000);

  it('removes a delayed job', async () => {
    const payload = { occurrenceId: 'o-delayed' };
    await jobs.add(JOBS.runOccurrence, { payload, runAt: later() });
    const id = JOBS.runOccurrence.jobId(payload);
    expect(await jobs.queue(JOBS.runOccurrence.queue).getJobState(id)).toBe('delayed');

    expect(await jobs.remove(JOBS.runOccurrence, payload)).toBe('removed');
    expect(await jobs.queue(JOBS.runOccurrence.queue).getJob(id)).toBeUndefined();
  });

  it('counts a job that is already gone as removed', async () => {
    expect(await jobs.remove(JOBS.runOccurrence, { occurrenceId: 'o-never-added' })).toBe('removed');
  });

  it('leaves a job a worker holds, which then finishes normally', async () => {
    const payload = { occurrenceId: 'o-active' };
    let started!: () => void;
    let release!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = new Worker(
      JOBS.runOccurrence.queue,
      () => {
        started();
        return new Promise<string>((resolve) => (release = () => resolve('ran')));
      },
      { connection: { url: config.redisUrl, maxRetriesPerRequest: null }, prefix: queuePrefix(config.queuePrefix, JOBS.runOccurrence.queue) },
    );
    try {
      await jobs.add(JOBS.runOccurrence, { payload });
      await running;
      const id = JOBS.runOccurrence.jobId(payload);
      const queue = jobs.queue(JOBS.runOccurrence.queue);

      expect(await jobs.remove(JOBS.runOccurrence, payload)).toBe('running');
      expect(await queue.getJobState(id)).toBe('active');

      // removeOnComplete: the job leaves the queue once its handler returns.
      release();
      for (let i = 0; i < 100 && (await queue.getJob(id)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await queue.getJob(id)).toBeUndefined();
    } finally {
      await worker.close();
    }
  });

  it('throws what BullMQ refuses for any other reason, here a job owned by a job scheduler', async () => {
    const queue = jobs.queue(JOBS.purgeRefreshTokens.queue);
    const first = await queue.upsertJobScheduler('nightly', { every: 3_600_000 }, { name: JOBS.purgeRefreshTokens.name, data: { day: 'x' } });
    const scheduled: JobDefinition<{ day: string }> = { ...JOBS.purgeRefreshTokens, jobId: () => first!.id! };

    await expect(jobs.remove(scheduled, { day: 'x' })).rejects.toThrow(/belongs to a job scheduler/);
    expect(await queue.getJob(first!.id!)).toBeDefined();
    await queue.removeJobScheduler('nightly');
  });
});
