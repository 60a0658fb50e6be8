import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildWorld } from './sms/bench-db.js';
import { benchEnv, log, spawnNode, spawnProcess, type Child } from './sms/processes.js';

/**
 * The lateness benchmark (issue 13): N pending one-off occurrences (default 100,000) due evenly over
 * M minutes (default 60), each a board bulletin to a commune without boards (planning writes nothing,
 * so what is measured is the engine's own timing: the reconciler enqueues pending occurrences due
 * within a day as delayed jobs, BullMQ promotes them, the worker plans them). Lateness is planned_at
 * (the wall clock when the planner's last write happened) minus due_at, an upper bound on the delay
 * to start. Redis runs with `hz 100`, the setting docs/operations.md recommends; `--hz 10` measures
 * Redis's default.
 * Usage: npm run bench:lateness -- [--occurrences 100000] [--minutes 60] [--hz 100] [--workers 1]
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values: opt } = parseArgs({
  options: {
    occurrences: { type: 'string', default: '100000' },
    minutes: { type: 'string', default: '60' },
    hz: { type: 'string', default: '100' },
    workers: { type: 'string', default: '1' },
    'redis-port': { type: 'string', default: '6395' },
    database: { type: 'string', default: 'tincoso_bench_lateness' },
  },
});
const env = benchEnv(ROOT, { name: 'lateness', database: opt.database!, redisPort: opt['redis-port']! });

async function bench(): Promise<void> {
  const count = Number(opt.occurrences);
  const spanMs = Number(opt.minutes) * 60_000;
  const loadAtStart = loadavg().map((l) => +l.toFixed(2));
  const children: Child[] = [];
  try {
    children.push(
      await spawnProcess('redis', 'redis-server', ['--port', opt['redis-port']!, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', opt.hz!], process.env, /Ready to accept connections/),
    );
    const { db, world } = await buildWorld(env.DATABASE_URL!, resolve(ROOT, 'data/units'), 0);
    const [commune] = await db.query(`SELECT id FROM admin_unit WHERE parent_id = $1 AND valid_to IS NULL ORDER BY code LIMIT 1`, [world.province.id]);
    const first = Date.now() + 120_000;
    await db.query(
      `WITH b AS (
         INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority, fully_expanded)
         SELECT $1, $2, 1, $3, 'scheduled', '{board}', jsonb_build_object('unitIds', jsonb_build_array($4::text), 'villageIds', '[]'::jsonb, 'tags', '[]'::jsonb),
                jsonb_build_object('kind', 'once', 'at', to_char(to_timestamp(($5::float8 + n * $6::float8) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                'Asia/Ho_Chi_Minh', 'normal', true
           FROM generate_series(0, $7::int - 1) AS n
         RETURNING id, (schedule->>'at')::timestamptz AS due)
       INSERT INTO occurrence (broadcast_id, due_at, status) SELECT id, due, 'pending' FROM b`,
      [world.province.id, world.messageId, world.actor.userId, commune.id, first, spanMs / count, count],
    );
    await db.query(`VACUUM ANALYZE occurrence`);
    log(`${count} occurrences due from ${new Date(first).toISOString()} over ${opt.minutes} min`);
    for (let i = 0; i < Number(opt.workers); i++) {
      children.push(await spawnNode(`worker-${i}`, resolve(ROOT, 'dist/apps/worker/src/main.js'), [], { ...env, WORKER_METRICS_PORT: '0' }, /tincoso worker ready/));
    }
    const last = first + spanMs;
    for (;;) {
      await new Promise((r) => setTimeout(r, 60_000));
      const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM occurrence WHERE status = 'pending'`);
      log(`${open} pending, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      if (open === 0 && Date.now() > last) break;
      if (Date.now() > last + 10 * 60_000) throw new Error(`${open} occurrences still pending 10 minutes after the last was due`);
    }
    const [lateness] = await db.query(
      `SELECT count(*)::int AS planned,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50,
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int AS p99,
              round(max(ms))::int AS max
         FROM (SELECT extract(epoch FROM planned_at - due_at) * 1000 AS ms FROM occurrence WHERE planned_at IS NOT NULL) x`,
    );
    await db.destroy();
    const result = {
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
      machine: { cpus: cpus().length, node: process.version },
      settings: { occurrences: count, minutes: Number(opt.minutes), redisHz: Number(opt.hz), workers: Number(opt.workers) },
      latenessMs: lateness,
      targets: { p99Within100ms: lateness.p99 <= 100, maxWithin1s: lateness.max <= 1000, everyOccurrencePlanned: lateness.planned === count },
    };
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(ROOT, `bench/results/lateness-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${file}\n`);
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

await bench();
