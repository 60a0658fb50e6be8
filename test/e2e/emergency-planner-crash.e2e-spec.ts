import { withFakeTwilio } from '#test/engine-config.js';
import { createSubscribers, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { spawnWorker, type WorkerProcess } from '#test/worker-process.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { openStationStream } from './emergency-changes-test-kit.js';
import { registerStation } from './emergencies-test-kit.js';

const RECIPIENTS = 60;
/** SMS_BATCH_SIZE here: the planner's first part is 4 batches (20 rows), the rest 40. */
const BATCH = 5;

/**
 * Issue 13, point 2: an emergency's stations are told and its first SMS batches leave before the rest
 * of its SMS rows are written. A worker killed in between (the rest's INSERT held by a trigger that
 * sleeps) leaves a pending occurrence with its loudspeakers and first part recorded; the next worker
 * resumes it. Every station is told once, every subscriber gets one SMS.
 */
describe('a worker killed between an emergency push and the end of its delivery writing', () => {
  let fake: FakeTwilioServer;
  let api: TestApi;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({}, { listen: true, customize: withFakeTwilio(fake, { batchSize: BATCH, sendConcurrency: 5, workerConcurrency: 2 }) });
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel IN ('sms', 'loudspeaker')`);
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    // A held INSERT would keep its lock on delivery (and the DROP waiting) for two minutes.
    await api?.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'`).catch(() => undefined);
    await api?.db.query(`DROP TRIGGER IF EXISTS hold_sms_rest ON delivery`).catch(() => undefined);
    await api?.close();
    await fake?.close();
  });

  it('tells every station once and sends every subscriber one SMS after the next worker resumes', async () => {
    const commune = await createUnit(api.db, { name: 'Xã Mất Điện', level: 'commune' });
    const admin = await createUser(api.db, { role: 'admin', unit: commune });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: commune });
    const adminAuth = await bearer(api.http, admin);
    const stations = [await registerStation(api, adminAuth, commune.id), await registerStation(api, adminAuth, commune.id)];
    const phones = await createSubscribers(api.db, { unit: commune, count: RECIPIENTS, from: 8100 });
    // The rest of the SMS rows (batch 4 on) waits in its INSERT until the test ends the session.
    await api.db.query(`
      CREATE OR REPLACE FUNCTION hold_sms_rest() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows WHERE channel = 'sms' AND batch_no >= 4) THEN PERFORM pg_sleep(120); END IF;
        RETURN NULL;
      END $$`);
    await api.db.query(`CREATE TRIGGER hold_sms_rest AFTER INSERT ON delivery REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hold_sms_rest()`);
    const streams = await Promise.all(stations.map((s) => openStationStream(api, s.token)));
    try {
      workers.push(await spawnWorker(api.config));
      const sent = await api.http
        .post('/api/v1/emergencies')
        .set('authorization', await bearer(api.http, supervisor))
        .send({ title: 'Cảnh báo sạt lở', text: 'Nguy cơ sạt lở đất tại thôn Khe Nước. Người dân di chuyển ngay.', unitIds: [commune.id], channels: ['sms', 'loudspeaker'], password: supervisor.password });
      expect(sent.status).toBe(201);

      // Pushed and partly sent: both stations told, the first part's 20 SMS accepted, the rest held.
      await waitFor(async () => streams.map((s) => s.events('emergency').length), (n) => n.every((x) => x === 1), 30_000, 'stations told');
      await waitFor(async () => fake.stats.accepted, (n) => n === 4 * BATCH, 20_000, 'first part sent');
      await waitFor(
        async () => (await api.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep'`))[0].n,
        (n) => n === 1,
        10_000,
        'the rest held',
      );
      const [occurrence] = await api.db.query(
        `SELECT o.id, o.status, o.planned_channels AS "plannedChannels" FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id JOIN emergency e ON e.broadcast_id = b.id WHERE e.id = $1`,
        [sent.body.id],
      );
      expect(occurrence).toEqual(expect.objectContaining({ status: 'pending', plannedChannels: ['loudspeaker'] }));

      workers[0].child.kill('SIGKILL');
      expect(await workers[0].exited).toEqual(expect.objectContaining({ signal: 'SIGKILL' }));
      await api.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'`);
      await api.db.query(`DROP TRIGGER hold_sms_rest ON delivery`);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM delivery WHERE occurrence_id = $1 AND channel = 'sms'`, [occurrence.id]))[0].n).toBe(4 * BATCH);

      workers.push(await spawnWorker(api.config));
      await waitFor(async () => fake.stats.accepted, (n) => n >= RECIPIENTS, 40_000, 'every SMS after recovery');
      await waitFor(
        async () => (await api.db.query(`SELECT status FROM occurrence WHERE id = $1`, [occurrence.id]))[0].status,
        (s) => s === 'planned' || s === 'completed',
        20_000,
        'occurrence planned',
      );
      // Time for a stray second notice or send to show.
      await new Promise((r) => setTimeout(r, 2000));
      const received = new Map<string, number>();
      for (const m of fake.messages) received.set(m.to, (received.get(m.to) ?? 0) + 1);
      expect([...received.keys()].sort()).toEqual([...phones].sort());
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      expect(streams.map((s) => s.events('emergency').length)).toEqual([1, 1]);
      const batches: { batchNo: number; n: number }[] = await api.db.query(
        `SELECT batch_no AS "batchNo", count(*)::int AS n FROM delivery WHERE occurrence_id = $1 AND channel = 'sms' GROUP BY 1 ORDER BY 1`,
        [occurrence.id],
      );
      expect(batches).toEqual(Array.from({ length: RECIPIENTS / BATCH }, (_, batchNo) => ({ batchNo, n: BATCH })));
    } finally {
      for (const s of streams) s.close();
    }
  }, 150_000);
});
