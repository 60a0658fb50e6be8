import { withFakeTwilio } from '#test/engine-config.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { spawnWorker, type WorkerProcess } from '#test/worker-process.js';
import { behaviours, FakeTwilioServer } from '../fakes/fake-twilio.server.js';

const RECIPIENTS = 300;

describe('a worker process killed with SIGKILL in the middle of a fan-out', () => {
  let fake: FakeTwilioServer;
  let api: TestApi;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({}, { customize: withFakeTwilio(fake, { batchSize: 20, sendConcurrency: 10, workerConcurrency: 2 }) });
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await api?.close();
    await fake?.close();
  });

  it('loses no recipient and sends nobody twice once a new worker has taken over', async () => {
    const province = await createUnit(api.db, { name: 'Tỉnh Sự Cố', level: 'province' });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    const phones = await createSubscribers(api.db, { unit: province, count: RECIPIENTS, from: 7000 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Thông báo lịch tiếp dân.' });
    fake.setDefault(behaviours.hang(40));

    workers.push(await spawnWorker(api.config));
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', await bearer(api.http, officer))
      .send({ messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;

    await waitFor(async () => fake.stats.accepted, (n) => n >= 60, 20_000, 'the fan-out under way');
    workers[0].child.kill('SIGKILL');
    expect(await workers[0].exited).toEqual(expect.objectContaining({ code: null, signal: 'SIGKILL' }));
    const atKill = await deliveryCounts(api.db, id);
    expect(atKill.planned).toBeGreaterThan(0);

    fake.setDefault(behaviours.ok());
    workers.push(await spawnWorker(api.config));
    const final = await waitFor(
      () => deliveryCounts(api.db, id),
      (c) => !c.planned && !c.sending,
      40_000,
      'every delivery final after recovery',
    );

    const received = new Map<string, number>();
    for (const m of fake.messages) received.set(m.to, (received.get(m.to) ?? 0) + 1);
    expect([...received.values()].every((n) => n === 1)).toBe(true);

    const rows: { endpoint: string; status: string }[] = await api.db.query(`SELECT endpoint, status FROM delivery WHERE broadcast_id = $1`, [id]);
    expect(rows.map((r) => r.endpoint).sort()).toEqual([...phones].sort());
    for (const r of rows) {
      if (r.status === 'sent') expect(received.get(r.endpoint)).toBe(1);
      else expect(r.status).toBe('unknown');
    }
    expect((final.sent ?? 0) + (final.unknown ?? 0)).toBe(RECIPIENTS);
    // At a crash each running batch job has at most two chunks in doubt (one being sent, one being
    // recorded): 2 jobs × 2 chunks × 10 rows.
    expect(final.unknown ?? 0).toBeLessThanOrEqual(2 * 2 * 10);
    const unknownAttempts: { n: number }[] = await api.db.query(
      `SELECT count(*)::int AS n FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.broadcast_id = $1 AND a.outcome = 'unknown'`,
      [id],
    );
    expect(unknownAttempts[0].n).toBe(final.unknown ?? 0);
  });
});
