import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { hashDeviceToken, localDate } from '#domain/index.js';
import { bumpDeviceVersions } from '#engine/devices/device-versions.js';
import { addStations } from './emergency/world.js';
import { buildWorld } from './sms/bench-db.js';
import { cpuSeconds, spawnNode, spawnProcess, type Child } from './sms/processes.js';

/**
 * The device-pull benchmark (issue 13): N stations (default 10,000), each pulling its playlist every
 * P seconds (default 30) with If-None-Match, 1% of them changed each minute, on one api process;
 * GET /health at the same rate in the same run is the floor. Reports p50/p99 (from the moment each
 * request was due, so a stalled api is not hidden), the api's CPU per request, and a closed-loop
 * maximum rate of 304s against /health. Each station's items are placed by a real worker first.
 * Usage: npm run bench:device-pull -- [--stations 10000] [--period 30] [--seconds 60]
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opt } = parseArgs({
  options: {
    stations: { type: 'string', default: '10000' },
    period: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '60' },
    'closed-seconds': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    'api-port': { type: 'string', default: '3094' },
    'redis-port': { type: 'string', default: '6394' },
    database: { type: 'string', default: 'tincoso_bench_device_pull' },
  },
});
const apiPort = Number(opt['api-port']);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  PUBLIC_BASE_URL: apiUrl,
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${opt.database}`,
  REDIS_URL: `redis://127.0.0.1:${opt['redis-port']}/0`,
  QUEUE_PREFIX: 'bench-device-pull',
  MIGRATE_ON_START: 'false',
  UNITS_DATA_DIR: resolve(ROOT, 'data/units'),
  STORAGE_DIR: resolve(ROOT, 'var/bench-device-pull-storage'),
  SMS_PROVIDER: 'sandbox',
};
const log = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

interface Answer {
  status: number;
  etag: string | undefined;
}

let resets = 0;

/** A keep-alive socket the api closed as it was reused answers ECONNRESET: counted and sent again once. */
function get(path: string, headers: Record<string, string>, retry = true): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const req = http.get({ host: '127.0.0.1', port: apiPort, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, etag: res.headers.etag }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (retry && error.code === 'ECONNRESET') {
        resets++;
        get(path, headers, false).then(resolvePromise, reject);
      } else {
        reject(error);
      }
    });
  });
}

async function call<T>(method: string, path: string, auth: string | null, body: unknown, expected: number[]): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2);
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: +(sorted.at(-1) ?? NaN).toFixed(2) };
}

/** Stations, their tokens and the ETag each holds: what the simulated devices remember. */
interface Fleet {
  tokens: string[];
  etags: (string | undefined)[];
  date: string;
}

const pullPath = (fleet: Fleet) => `/api/v1/devices/stations/playlist?date=${fleet.date}`;

async function pull(fleet: Fleet, i: number): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${fleet.tokens[i]}` };
  const etag = fleet.etags[i];
  if (etag) headers['if-none-match'] = etag;
  const answer = await get(pullPath(fleet), headers);
  if (answer.status === 200) fleet.etags[i] = answer.etag;
  else if (answer.status !== 304) throw new Error(`pull answered ${answer.status}`);
  return answer;
}

/**
 * Open loop: `rate` requests a second for `seconds`, request k due at start + k/rate whatever the
 * api's pace; latency counts from the due moment.
 */
async function openLoop(rate: number, seconds: number, send: (k: number) => Promise<Answer>, apiPid: number) {
  const total = Math.round(rate * seconds);
  const byStatus: Record<number, number[]> = {};
  const cpuBefore = cpuSeconds(apiPid);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send(k).then(
        (answer) => void (byStatus[answer.status] ??= []).push(performance.now() - due),
        () => void (byStatus[0] ??= []).push(performance.now() - due),
      ),
    );
  }
  await Promise.all(inFlight);
  const cpu = cpuSeconds(apiPid) - cpuBefore;
  const all = Object.values(byStatus).flat();
  return {
    rate,
    seconds,
    overall: summary(all),
    byStatus: Object.fromEntries(Object.entries(byStatus).map(([status, l]) => [status, summary(l)])),
    apiCpuSeconds: +cpu.toFixed(2),
    apiCpuMsPerRequest: +((cpu * 1000) / all.length).toFixed(3),
  };
}

/** Closed loop: `concurrency` clients back to back for `seconds`: the most this api answers. */
async function closedLoop(concurrency: number, seconds: number, send: (k: number) => Promise<Answer>, apiPid: number) {
  const cpuBefore = cpuSeconds(apiPid);
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const answer = await send(done);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        done++;
      }
    }),
  );
  const cpu = cpuSeconds(apiPid) - cpuBefore;
  return { concurrency, seconds, requests: done, perSecond: Math.round(done / seconds), statuses, apiCpuMsPerRequest: +((cpu * 1000) / done).toFixed(3) };
}

/** Places one item on every station through the real path (preview renders the speech, a worker plans). */
async function placeItems(db: DataSource, auth: string, messageId: string, provinceId: string, stations: number): Promise<Date> {
  const body = { messageId, channels: ['loudspeaker'], targets: { unitIds: [provinceId] }, schedule: { kind: 'once', at: new Date().toISOString() } };
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${apiUrl}/api/v1/broadcasts/preview`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(body) });
    await res.text();
    const [{ pending }] = await db.query(`SELECT count(*) FILTER (WHERE status <> 'ready')::int AS pending FROM loudspeaker_audio`);
    if (res.status === 200 && pending === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await call('POST', '/api/v1/broadcasts', auth, body, [201]);
  for (let i = 0; i < 1200; i++) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM station_playlist_item`);
    if (n >= stations) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const [{ at }] = await db.query(`SELECT min(airs_at) AS at FROM station_playlist_item`);
  if (!at) throw new Error('no item was placed');
  return at as Date;
}

async function bench(): Promise<void> {
  const stationCount = Number(opt.stations);
  const period = Number(opt.period);
  const rate = stationCount / period;
  const seconds = Number(opt.seconds);
  const closedSeconds = Number(opt['closed-seconds']);
  const concurrency = Number(opt.concurrency);
  const loadAtStart = loadavg().map((l) => +l.toFixed(2));
  const children: Child[] = [];
  try {
    children.push(await spawnProcess('redis', 'redis-server', ['--port', opt['redis-port']!, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, /Ready to accept connections/));
    log(`setup: database ${opt.database}, ${stationCount} stations`);
    const { db, world } = await buildWorld(env.DATABASE_URL!, resolve(ROOT, 'data/units'), 100);
    const stationWorld = await addStations(db, world.province.id, stationCount);
    const api = await spawnNode('api', resolve(ROOT, 'dist/apps/api/src/main.js'), [], env, /tincoso api listening/);
    children.push(api);
    const worker = await spawnNode('worker', resolve(ROOT, 'dist/apps/worker/src/main.js'), [], { ...env, WORKER_METRICS_PORT: '0' }, /tincoso worker ready/);
    const login = await call<{ accessToken: string }>('POST', '/api/v1/auth/login', null, stationWorld.supervisor, [200]);
    const placedAt = Date.now();
    const airsAt = await placeItems(db, `Bearer ${login.accessToken}`, world.messageId, world.province.id, stationCount);
    log(`one item placed on each of ${stationCount} stations in ${Date.now() - placedAt} ms; worker stopped`);
    await worker.stop();
    await db.query(`VACUUM ANALYZE`);
    const rows: { id: string; hash: string }[] = await db.query(`SELECT id, token_hash AS hash FROM station`);
    const idOfHash = new Map(rows.map((r) => [r.hash, r.id]));
    const stationIds = stationWorld.tokens.map((t) => idOfHash.get(hashDeviceToken(t))!);
    await db.destroy();

    const apiPid = api.proc.pid!;
    const fleet: Fleet = { tokens: stationWorld.tokens, etags: [], date: localDate(airsAt, 'Asia/Ho_Chi_Minh') };
    const redis = new Redis(env.REDIS_URL!);

    // Every station's first pull (no tag yet): the cost of a 200, and each device's tag.
    let next = 0;
    const primeCpu = cpuSeconds(apiPid);
    const primeStart = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < stationCount) await pull(fleet, next++);
    }));
    const prime = {
      requests: stationCount,
      perSecond: Math.round(stationCount / ((performance.now() - primeStart) / 1000)),
      apiCpuMsPerRequest: +(((cpuSeconds(apiPid) - primeCpu) * 1000) / stationCount).toFixed(3),
    };
    log(`first pulls (200): ${JSON.stringify(prime)}`);

    const health = await openLoop(rate, Math.min(seconds, 30), () => get('/health', {}), apiPid);
    log(`GET /health open loop: ${JSON.stringify(health)}`);

    // 1% of the stations changed each minute: their version bumped as every change path does after its commit.
    const changesPerMinute = Math.max(1, Math.round(stationCount / 100));
    let changed = 0;
    const changer = setInterval(() => {
      changed++;
      void bumpDeviceVersions(redis, { queuePrefix: env.QUEUE_PREFIX! }, 'station', [stationIds[Math.floor(Math.random() * stationCount)]!]);
    }, 60_000 / changesPerMinute);
    const pulls = await openLoop(rate, seconds, (k) => pull(fleet, k % stationCount), apiPid);
    clearInterval(changer);
    log(`pulls open loop: ${JSON.stringify(pulls)} (${changed} stations changed)`);

    const healthMax = await closedLoop(concurrency, closedSeconds, () => get('/health', {}), apiPid);
    const notModifiedMax = await closedLoop(concurrency, closedSeconds, (k) => pull(fleet, k % stationCount), apiPid);
    log(`closed loop: /health ${JSON.stringify(healthMax)}; pulls ${JSON.stringify(notModifiedMax)}`);
    await redis.quit();

    const result = {
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
      machine: { cpus: cpus().length, node: process.version },
      connectionResets: resets,
      settings: { stations: stationCount, periodSeconds: period, ratePerSecond: +rate.toFixed(1), seconds, changesPerMinute, concurrency, closedSeconds },
      firstPulls: prime,
      healthFloor: health,
      pulls,
      closedLoop: { health: healthMax, pulls: notModifiedMax, ratio: +(notModifiedMax.perSecond / healthMax.perSecond).toFixed(2) },
      targets: {
        p99Within20ms: pulls.overall.p99Ms <= 20,
        notModifiedCpuWithin2xFloor: pulls.apiCpuMsPerRequest <= 2 * health.apiCpuMsPerRequest,
      },
    };
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(ROOT, `bench/results/device-pull-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${file}\n`);
  } finally {
    agent.destroy();
    for (const child of children.reverse()) await child.stop();
  }
}

await bench();
