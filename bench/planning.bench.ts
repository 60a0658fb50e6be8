import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { addStations, waitForAudio } from './emergency/world.js';
import { buildWorld } from './sms/bench-db.js';
import { benchEnv, log, spawnNode, spawnProcess, type Child } from './sms/processes.js';

/**
 * The planning benchmark (issue 13, point 2): a bulletin read out on N stations (default 10,000,
 * spread over the communes of the largest province, each with a daily 06:00–07:00 slot) is placed
 * into every station's slots, while a small occurrence (one commune's stations) falls due 200 ms
 * after it. Measured from the rows: how long after its due time the big occurrence was planned (every
 * station's item placed), and how late the small one started and was planned (its stations are the
 * big one's too, so its placement waits for their locks). The bulletin is a 'priority' one: a province's 'normal'
 * bulletin goes to the communes' relay lists instead (Thông tư 39) and places nothing.
 * Usage: npm run bench:planning -- [--stations 10000] [--runs 3] [--workers 1]
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/prof" profiles the worker. */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

const { values: opt } = parseArgs({
  options: {
    stations: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    'api-port': { type: 'string', default: '3094' },
    'redis-port': { type: 'string', default: '6394' },
    database: { type: 'string', default: 'tincoso_bench_planning' },
  },
});
const apiUrl = `http://127.0.0.1:${opt['api-port']}`;
const env = benchEnv(ROOT, { name: 'planning', database: opt.database!, redisPort: opt['redis-port']!, apiPort: opt['api-port'] });

async function api<T>(method: string, path: string, auth: string | null, body: unknown, expected: number[]): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

interface Planned {
  status: string;
  /** From due to the planner beginning it. */
  startLateMs: number;
  /** From due to its last row written (every station's item placed). */
  lateMs: number;
  items: number;
}

/** How long after its due time each occurrence of the broadcast was planned, and its placed items. */
async function planned(db: DataSource, broadcastId: string): Promise<Planned | null> {
  const [row] = await db.query(
    `SELECT o.status, (extract(epoch FROM o.started_at - o.due_at) * 1000)::int AS "startLateMs",
            (extract(epoch FROM o.planned_at - o.due_at) * 1000)::int AS "lateMs",
            (SELECT count(*)::int FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.occurrence_id = o.id) AS items
       FROM occurrence o WHERE o.broadcast_id = $1`,
    [broadcastId],
  );
  return row?.status === 'planned' || row?.status === 'completed' ? row : null;
}

async function bench(): Promise<void> {
  const stationCount = Number(opt.stations);
  const loadAtStart = loadavg().map((l) => +l.toFixed(2));
  const children: Child[] = [];
  try {
    children.push(await spawnProcess('redis', 'redis-server', ['--port', opt['redis-port']!, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', '100'], process.env, /Ready to accept connections/));
    const { db, world } = await buildWorld(env.DATABASE_URL!, resolve(ROOT, 'data/units'), 1000);
    const stationWorld = await addStations(db, world.province.id, stationCount);
    const [commune] = await db.query(`SELECT id FROM admin_unit WHERE parent_id = $1 AND valid_to IS NULL ORDER BY code LIMIT 1`, [world.province.id]);
    log(`${world.province.name}: ${world.province.communes} communes, ${stationCount} stations`);
    children.push(await spawnNode('api', resolve(ROOT, 'dist/apps/api/src/main.js'), [], env, /tincoso api listening/));
    for (let i = 0; i < Number(opt.workers); i++) {
      children.push(await spawnNode(`worker-${i}`, resolve(ROOT, 'dist/apps/worker/src/main.js'), [], { ...env, WORKER_METRICS_PORT: '0' }, /tincoso worker ready/, WORKER_NODE_ARGS));
    }
    const login = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', null, stationWorld.supervisor, [200]);
    const auth = `Bearer ${login.accessToken}`;
    const broadcast = (unitId: string, at: Date) => ({
      messageId: world.messageId,
      channels: ['loudspeaker'],
      targets: { unitIds: [unitId] },
      schedule: { kind: 'once', at: at.toISOString() },
    });
    await api('POST', '/api/v1/broadcasts/preview', auth, broadcast(world.province.id, new Date()), [200, 400]);
    await waitForAudio(db);

    const runs: { big: Planned; small: Planned }[] = [];
    for (let run = 0; run < Number(opt.runs); run++) {
      const due = new Date(Date.now() + 3000);
      const big = await api<{ id: string }>('POST', '/api/v1/broadcasts', auth, broadcast(world.province.id, due), [201]);
      const small = await api<{ id: string }>('POST', '/api/v1/broadcasts', auth, broadcast(commune.id, new Date(due.getTime() + 200)), [201]);
      const deadline = Date.now() + 120_000;
      let result: { big: Planned | null; small: Planned | null } = { big: null, small: null };
      while (Date.now() < deadline && (!result.big || !result.small)) {
        await new Promise((r) => setTimeout(r, 200));
        result = { big: await planned(db, big.id), small: await planned(db, small.id) };
      }
      if (!result.big || !result.small) throw new Error(`run ${run}: not planned within 2 minutes: ${JSON.stringify(result)}`);
      runs.push({ big: result.big, small: result.small });
      log(`run ${run}: ${JSON.stringify(runs[run])}`);
    }
    await db.destroy();
    const result = {
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
      machine: { cpus: cpus().length, node: process.version },
      settings: { stations: stationCount, workers: Number(opt.workers), province: world.province.name, communes: world.province.communes },
      runs,
      targets: {
        plannedWithin1s: runs.every((r) => r.big.lateMs <= 1000 && r.big.items === stationCount),
        dueMeanwhileStartsWithin100ms: runs.every((r) => r.small.startLateMs <= 100),
      },
    };
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(ROOT, `bench/results/planning-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${file}\n`);
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

await bench();
