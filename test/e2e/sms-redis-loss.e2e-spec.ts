import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queuePrefix, QUEUES } from '#queue/index.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { behaviours, FakeTwilioServer } from '../fakes/fake-twilio.server.js';

/**
 * Redis loses everything mid-broadcast. The test owns Redis database 5 and flushes that database
 * (FLUSHDB): the same loss as FLUSHALL for the engine, without wiping the queues of test files that
 * run in parallel on database 0.
 */
const REDIS_URL = 'redis://127.0.0.1:6379/5';
const RECIPIENTS = 200;

describe('Redis flushed in the middle of a broadcast', () => {
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let redis: Redis;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({ redisUrl: REDIS_URL }, { customize: withFakeTwilio(fake, { batchSize: 20, sendConcurrency: 5, workerConcurrency: 2 }) });
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.quit();
    await fake?.close();
  });

  it('is restored by the reconciler from Postgres and completes, each recipient served once', async () => {
    const province = await createUnit(api.db, { name: 'Tỉnh Mất Dữ Liệu', level: 'province' });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    const phones = await createSubscribers(api.db, { unit: province, count: RECIPIENTS, from: 8000 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Lịch trực một cửa cuối tuần.' });
    fake.setDefault(behaviours.hang(30));
    worker = await startTestWorker(api.config, { scheduler: true });

    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', await bearer(api.http, officer))
      .send({ messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    const id = res.body.id as string;
    await waitFor(async () => fake.stats.accepted, (n) => n >= 40, 20_000, 'the fan-out under way');

    await redis.flushdb();
    const queue = new Queue(QUEUES.smsBulk, { connection: { url: REDIS_URL }, prefix: queuePrefix(api.config.queuePrefix, QUEUES.smsBulk) });
    try {
      const restored = await waitFor(() => queue.getJobCounts('waiting', 'active', 'delayed', 'completed'), (c) => c.waiting + c.active + c.delayed > 0, 10_000, 'jobs re-created');
      expect(restored.waiting + restored.active + restored.delayed).toBeGreaterThan(0);
    } finally {
      await queue.close();
    }
    fake.setDefault(behaviours.ok());

    await waitFor(() => deliveryCounts(api.db, id), (c) => c.sent === RECIPIENTS, 30_000, 'every delivery sent');
    const status = await waitFor(
      async () => (await api.db.query(`SELECT status FROM broadcast WHERE id = $1`, [id]))[0].status as string,
      (s) => s === 'completed',
      10_000,
      'broadcast completed',
    );
    expect(status).toBe('completed');
    expect(fake.messages.map((m) => m.to).sort()).toEqual([...phones].sort());
  });
});
