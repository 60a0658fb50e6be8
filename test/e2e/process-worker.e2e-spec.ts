import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import pg from 'pg';
import { loadConfig } from '#config/index.js';
import { JOBS, QUEUES, queuePrefix } from '#queue/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { WorkerProcess } from '#test/worker-process.js';

const REDIS_URL = loadConfig({ NODE_ENV: 'test' }).redisUrl;

describe('the worker process', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Client;
  let prefix: string;
  let queue: Queue;
  let events: QueueEvents;
  let worker: WorkerProcess;
  let userId: string;

  /** Refresh tokens old enough for the purge (expired ten days ago). */
  async function insertStaleTokens(count: number): Promise<void> {
    await sql.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at)
       SELECT $1, gen_random_uuid(), md5(random()::text), now() - interval '10 days' FROM generate_series(1, $2)`,
      [userId, count],
    );
  }

  const countTokens = async () => Number((await sql.query('SELECT count(*) AS n FROM refresh_token')).rows[0].n);

  function addPurge(day: string) {
    const payload = { day };
    return queue.add(JOBS.purgeRefreshTokens.name, payload, { jobId: JOBS.purgeRefreshTokens.jobId(payload) });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const unit = await sql.query(
      `INSERT INTO admin_unit (id, path, depth, source, level, type, name, full_name, search_name)
       VALUES ('7e1d0000-0000-4000-8000-000000000001', '7e1d0000000040008000000000000001', 1, 'local', 'province', 'province', 'Tỉnh Thử', 'Tỉnh Thử', 'tinh thu')
       RETURNING id`,
    );
    const user = await sql.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ('canbo.worker', 'Cán bộ', 'x', 'officer', $1) RETURNING id`,
      [unit.rows[0].id],
    );
    userId = user.rows[0].id;
    await sql.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at) VALUES ($1, gen_random_uuid(), 'live', now() + interval '1 day')`,
      [userId],
    );

    prefix = `t${randomBytes(5).toString('hex')}`;
    const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
    queue = new Queue(QUEUES.housekeeping, { connection, prefix: queuePrefix(prefix, QUEUES.housekeeping) });
    events = new QueueEvents(QUEUES.housekeeping, { connection, prefix: queuePrefix(prefix, QUEUES.housekeeping) });
    await events.waitUntilReady();

    worker = new WorkerProcess({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix });
    await worker.ready(20_000);
  });

  afterAll(async () => {
    if (worker?.running) worker.child.kill('SIGKILL');
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([queue?.close(), events?.close()]);
    await sql?.end();
    await database?.drop();
  });

  it('takes a housekeeping job from the shared queue and completes it', async () => {
    await insertStaleTokens(3);
    expect(await queue.getWorkersCount()).toBeGreaterThanOrEqual(1);
    const job = await addPurge('2025-01-01');
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ removed: 3 });
    expect(await countTokens()).toBe(1);
  });

  it('on SIGTERM finishes the job in flight, stops taking jobs and exits 0', async () => {
    await insertStaleTokens(2);
    // Row locks held by this session make the worker's DELETE wait: the job is provably in flight.
    await sql.query('BEGIN');
    await sql.query(`SELECT id FROM refresh_token WHERE expires_at < now() - interval '7 days' FOR UPDATE`);
    const inFlight = await addPurge('2025-01-02');
    const blocked = new pg.Client({ connectionString: database.url });
    await blocked.connect();
    try {
      await waitFor(
        async () =>
          (
            await blocked.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM refresh_token%'`,
            )
          ).rowCount,
        (waiting) => waiting === 1,
        10_000,
        'the purge waiting on the row locks',
      );
    } finally {
      await blocked.end();
    }
    expect(await inFlight.getState()).toBe('active');

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(worker.running).toBe(true);

    const releasedAt = Date.now();
    await sql.query('COMMIT');
    const exit = await worker.exited;
    expect(exit).toEqual(expect.objectContaining({ code: 0, signal: null }));
    expect(exit.at).toBeGreaterThanOrEqual(releasedAt);
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(await inFlight.getState()).toBe('completed');
    expect((await queue.getJob(inFlight.id!))?.returnvalue).toEqual({ removed: 2 });
    expect(await countTokens()).toBe(1);
    expect(worker.stderr).not.toMatch(/error/i);

    const late = await addPurge('2025-01-03');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await late.getState()).toBe('waiting');
    expect(await queue.getWorkersCount()).toBe(0);
  });
});
