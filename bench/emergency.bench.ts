import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addStations, waitForAudio } from './emergency/world.js';
import { openStationStreams, type StationStreams } from './emergency/station-streams.js';
import { buildWorld, warmUp } from './sms/bench-db.js';
import { benchEnv, getJson, log, spawnNode, spawnProcess, type Child } from './sms/processes.js';

/**
 * The emergency benchmark (issues 12 and 13): N stations holding their change stream open on one api
 * process, M subscribers in the target area, real worker processes and the fake Twilio. Measures, from
 * the moment the supervisor's confirmation is sent, the first and the last station's event and the
 * first and the last SMS accepted by the provider; then the same for a 'priority' broadcast (a
 * province's 'normal' one goes to the communes' relay lists, where no station is told at once).
 * Usage: npm run bench:emergency -- [--stations 3321] [--subscribers 100000] [--workers 2]
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACCOUNT_SID = `AC${'e'.repeat(32)}`;
const AUTH_TOKEN = 'bench-fake-twilio-auth-token';

const { values: opt } = parseArgs({
  options: {
    stations: { type: 'string', default: '3321' },
    subscribers: { type: 'string', default: '100000' },
    workers: { type: 'string', default: '2' },
    'api-port': { type: 'string', default: '3093' },
    'fake-port': { type: 'string', default: '4393' },
    'redis-port': { type: 'string', default: '6393' },
    database: { type: 'string', default: 'tincoso_bench_emergency' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const apiUrl = `http://127.0.0.1:${opt['api-port']}`;
const fakeUrl = `http://127.0.0.1:${opt['fake-port']}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${opt.database}`;
const env = benchEnv(ROOT, { name: 'emergency', database: opt.database!, redisPort: opt['redis-port']!, apiPort: opt['api-port'] }, {
  SMS_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM: '+15005550006',
  TWILIO_API_BASE_URL: fakeUrl,
  SMS_RATE_PER_SECOND: '100000',
});

interface FakeStats {
  accepted: number;
  firstAcceptedAt: number | null;
  lastAcceptedAt: number | null;
}

async function api<T>(method: string, path: string, auth: string | null, body: unknown, expected: number | number[]): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (![expected].flat().includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

interface RunResult {
  answeredMs: number;
  stations: { notified: number; firstMs: number | null; lastMs: number | null };
  sms: { accepted: number; firstMs: number | null; lastMs: number | null };
}

/** Sends (`go`), then waits until every station got `event` and `recipients` SMS were accepted. */
async function measure(streams: StationStreams, event: string, stationCount: number, recipients: number, go: () => Promise<unknown>): Promise<RunResult> {
  await fetch(`${fakeUrl}/__fake/reset`, { method: 'POST' });
  streams.reset();
  const t0 = Date.now();
  await go();
  const answeredMs = Date.now() - t0;
  const deadline = t0 + Number(opt['timeout-seconds']) * 1000;
  let stats = await getJson<FakeStats>(`${fakeUrl}/__fake/stats`);
  while (Date.now() < deadline && (streams.arrivals(event).length < stationCount || stats.accepted < recipients)) {
    await new Promise((r) => setTimeout(r, 100));
    stats = await getJson<FakeStats>(`${fakeUrl}/__fake/stats`);
  }
  const arrivals = streams.arrivals(event);
  const since = (at: number | null | undefined) => (at ? at - t0 : null);
  return {
    answeredMs,
    stations: { notified: arrivals.length, firstMs: since(arrivals.length ? Math.min(...arrivals) : null), lastMs: since(arrivals.length ? Math.max(...arrivals) : null) },
    sms: { accepted: stats.accepted, firstMs: since(stats.firstAcceptedAt), lastMs: since(stats.lastAcceptedAt) },
  };
}

async function bench(): Promise<void> {
  const stationCount = Number(opt.stations);
  const loadAtStart = loadavg().map((l) => +l.toFixed(2));
  const children: Child[] = [];
  let streams: StationStreams | null = null;
  try {
    children.push(await spawnProcess('redis', 'redis-server', ['--port', opt['redis-port']!, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, /Ready to accept connections/));
    children.push(await spawnNode('fake-twilio', resolve(ROOT, 'dist/test/fakes/fake-twilio.server.js'), ['--port', opt['fake-port']!], env, /fakeTwilio/));
    log(`setup: database ${opt.database}, ${opt.subscribers} subscribers, ${stationCount} stations`);
    const { db, world } = await buildWorld(databaseUrl, resolve(ROOT, 'data/units'), Number(opt.subscribers));
    const stationWorld = await addStations(db, world.province.id, stationCount);
    const recipients = await warmUp(db, world.province.path);
    log(`${world.province.name}: ${world.province.communes} communes, ${recipients} recipients, ${stationCount} stations`);

    children.push(await spawnNode('api', resolve(ROOT, 'dist/apps/api/src/main.js'), [], env, /tincoso api listening/));
    for (let i = 0; i < Number(opt.workers); i++) {
      children.push(await spawnNode(`worker-${i}`, resolve(ROOT, 'dist/apps/worker/src/main.js'), [], { ...env, WORKER_METRICS_PORT: '0' }, /tincoso worker ready/));
    }
    const login = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', null, stationWorld.supervisor, 200);
    const auth = `Bearer ${login.accessToken}`;
    const connectStarted = Date.now();
    streams = await openStationStreams(apiUrl, stationWorld.tokens);
    log(`${stationCount} station streams open in ${Date.now() - connectStarted} ms`);

    // The comparison first: the emergency bypasses the daily SMS cap, a normal broadcast after it would not.
    const broadcast = { messageId: world.messageId, channels: ['sms', 'loudspeaker'], targets: { unitIds: [world.province.id] } };
    // The first preview asks for the speech (400 "being made" until it is ready).
    await api('POST', '/api/v1/broadcasts/preview', auth, { ...broadcast, schedule: { kind: 'once', at: new Date().toISOString() } }, [200, 400]);
    await waitForAudio(db);
    const comparison = await measure(streams, 'playlist', stationCount, recipients, () =>
      api('POST', '/api/v1/broadcasts', auth, { ...broadcast, schedule: { kind: 'once', at: new Date().toISOString() } }, 201),
    );
    log(`priority broadcast: ${JSON.stringify(comparison)}`);

    const emergency = await measure(streams, 'emergency', stationCount, recipients, () =>
      api('POST', '/api/v1/emergencies', auth, {
        title: 'Cảnh báo lũ quét',
        text: 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối. Người dân di chuyển ngay lên nhà văn hóa xã.',
        unitIds: [world.province.id],
        channels: ['sms', 'loudspeaker'],
        password: stationWorld.supervisor.password,
      }, 201),
    );
    log(`emergency: ${JSON.stringify(emergency)}`);
    await db.destroy();

    const result = {
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
      machine: { cpus: cpus().length, node: process.version },
      settings: { stations: stationCount, subscribers: Number(opt.subscribers), recipients, workers: Number(opt.workers), province: world.province.name, communes: world.province.communes },
      emergency,
      priorityBroadcast: comparison,
      targets: {
        firstStationWithin1s: emergency.stations.firstMs !== null && emergency.stations.firstMs <= 1000,
        allStationsWithin5s: emergency.stations.notified === stationCount && emergency.stations.lastMs !== null && emergency.stations.lastMs <= 5000,
        allStationsWithin2s: emergency.stations.notified === stationCount && emergency.stations.lastMs !== null && emergency.stations.lastMs <= 2000,
        firstSmsWithin1s: emergency.sms.firstMs !== null && emergency.sms.firstMs <= 1000,
        everySmsAccepted: emergency.sms.accepted === recipients,
      },
    };
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    const file = resolve(ROOT, `bench/results/emergency-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${file}\n`);
  } finally {
    streams?.close();
    for (const child of children.reverse()) await child.stop();
  }
}

await bench();
