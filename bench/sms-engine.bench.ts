import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig } from '#config/index.js';
import { startRedisCluster, type LocalRedisCluster } from '#test/redis-cluster.js';
import { buildWorld, insertSelectIntoCopy, setReportTriggers, SMS_TEXT, warmUp } from './sms/bench-db.js';
import { deliveryStates, planBroadcast, startEngine } from './sms/engine-phase.js';
import { enqueueNaive, runNaiveWorker, type NaiveWorkerEnv } from './sms/naive-baseline.js';
import { cpuSeconds, getJson, redisMemory, spawnNode, spawnProcess, type Child } from './sms/processes.js';
import { rawHttp } from './sms/raw-http.js';
import { machineCpu, runSendPhase } from './sms/send-phase.js';

/**
 * The SMS engine benchmark (issue 3): one province, N subscribers, planning against a bare
 * INSERT … SELECT, end-to-end sending against raw HTTP and against a job-per-recipient design.
 * Usage: npm run bench -- [--subscribers 1000000] [--workers 2] [--worker-concurrency 2]
 *        [--send-concurrency 64] [--batch-size 500] [--naive-sample 50000] [--raw-requests N]
 *        [--without-report-rollup] [--redis-cluster [--queue-shards 3]]
 * With --redis-cluster the engine runs on a local 3-master Redis Cluster (REDIS_CLUSTER_NODES, the SMS
 * lanes over --queue-shards queues) and the raw-HTTP and naive baselines are skipped: run it with
 * --workers 1 and --workers 2 to measure what a second worker process adds (docs/benchmarks.md).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bench-fake-twilio-auth-token';
const FROM = '+15005550006';
const MB = 1024 * 1024;
/** e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/prof" profiles the engine's workers. */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

const { values: opt } = parseArgs({
  options: {
    role: { type: 'string', default: 'bench' },
    subscribers: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '2' },
    'worker-concurrency': { type: 'string', default: '2' },
    'send-concurrency': { type: 'string', default: '64' },
    'batch-size': { type: 'string', default: '500' },
    'naive-sample': { type: 'string', default: '50000' },
    'raw-requests': { type: 'string' },
    'fake-port': { type: 'string', default: '4391' },
    'redis-port': { type: 'string', default: '6391' },
    database: { type: 'string', default: 'tincoso_bench' },
    /** Disables the reports' triggers on delivery and occurrence for the run: what the rollup costs the engine. */
    'without-report-rollup': { type: 'boolean', default: false },
    'redis-cluster': { type: 'boolean', default: false },
    'queue-shards': { type: 'string', default: '3' },
  },
});
const N = Number(opt.subscribers);
const WORKERS = Number(opt.workers);
const WC = Number(opt['worker-concurrency']);
const SC = Number(opt['send-concurrency']);
const IN_FLIGHT = WORKERS * WC * SC;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${opt.database}`;
const redisUrl = `redis://127.0.0.1:${opt['redis-port']}/0`;
const fakeUrl = `http://127.0.0.1:${opt['fake-port']}`;
const WITHOUT_ROLLUP = opt['without-report-rollup'] === true;
const CLUSTER = opt['redis-cluster'] === true;

function workerEnv(prefix: string, cluster: LocalRedisCluster | null): NodeJS.ProcessEnv {
  return {
    ...(cluster
      ? { REDIS_CLUSTER_NODES: cluster.nodes.map((n) => `${n.host}:${n.port}`).join(','), SMS_QUEUE_SHARDS: opt['queue-shards'] }
      : {}),
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    MIGRATE_ON_START: 'false',
    UNITS_DATA_DIR: resolve(ROOT, 'data/units'),
    SMS_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: FROM,
    TWILIO_API_BASE_URL: fakeUrl,
    SMS_RATE_PER_SECOND: '100000',
    SMS_BATCH_SIZE: opt['batch-size'],
    SMS_WORKER_CONCURRENCY: String(WC),
    SMS_SEND_CONCURRENCY: String(SC),
    WORKER_METRICS_PORT: '0',
  };
}

const log = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const mb = (bytes: number) => Math.round(bytes / MB);

const perMessage = (seconds: number, messages: number) => Math.round((seconds * 1e6) / Math.max(1, messages));

async function bench(): Promise<void> {
  const loadAtStart = loadavg().map((l) => +l.toFixed(2));
  const children: Child[] = [];
  const redis = { client: null as Redis | null };
  let cluster: LocalRedisCluster | null = null;
  const track = async (starting: Promise<Child>[]) => {
    const started = await Promise.all(starting);
    children.push(...started);
    return started;
  };
  try {
    if (CLUSTER) {
      cluster = await startRedisCluster(3);
      // INFO memory of the first master: one third of the keys, roughly.
      redis.client = new Redis(cluster.nodes[0].port, cluster.nodes[0].host);
    } else {
      children.push(await spawnProcess('redis', 'redis-server', ['--port', opt['redis-port']!, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, /Ready to accept connections/));
      redis.client = new Redis(redisUrl);
    }
    const fakeEnv = { ...process.env, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
    const fake = await spawnNode('fake-twilio', resolve(ROOT, 'dist/test/fakes/fake-twilio.server.js'), ['--port', opt['fake-port']!], fakeEnv, /fakeTwilio/);
    children.push(fake);
    const fakePid = fake.proc.pid ?? 0;

    log(`setup: database ${opt.database}, ${N} subscribers`);
    const setupStarted = performance.now();
    const env = workerEnv('bench-engine', cluster);
    const { db, world } = await buildWorld(databaseUrl, resolve(ROOT, 'data/units'), N);
    log(`setup done in ${Math.round(performance.now() - setupStarted)} ms: ${world.province.name}, ${world.province.communes} communes`);
    if (WITHOUT_ROLLUP) log(`report triggers on delivery and occurrence disabled: ${(await setReportTriggers(db, false)).join(', ')}`);
    const recipients = await warmUp(db, world.province.path);

    const bare = await insertSelectIntoCopy(db, world.province.path, Number(opt['batch-size']));
    log(`(b) bare INSERT … SELECT: ${bare.rows} rows in ${Math.round(bare.ms)} ms`);
    const formerSql = await insertSelectIntoCopy(db, world.province.path, Number(opt['batch-size']), true);
    log(`    the engine's former statement (ON CONFLICT, counted): ${formerSql.rows} rows in ${Math.round(formerSql.ms)} ms`);

    const redisBefore = await redisMemory(redis.client);
    const engine = await startEngine(loadConfig(env));
    const plan = await planBroadcast(engine, db, world);
    await engine.close();
    const redisAfterPlan = await redisMemory(redis.client);
    log(`planning: ${plan.deliveries} deliveries, ${plan.batches} batch jobs in ${Math.round(plan.ms)} ms (${(plan.ms / bare.ms).toFixed(2)}× (b))`);

    const workerScript = resolve(ROOT, 'dist/apps/worker/src/main.js');
    const e2e = await runSendPhase({
      fakeUrl,
      fakePid,
      redis: redis.client,
      // In cluster mode the target is every recipient: the planner may still be writing deliveries when the first batches leave.
      target: cluster ? recipients : plan.deliveries,
      deadlineMs: Math.max(120_000, plan.deliveries * 2),
      start: () => track(Array.from({ length: WORKERS }, (_, i) => spawnNode(`worker-${i}`, workerScript, [], env, /tincoso worker ready/, WORKER_NODE_ARGS))),
    });
    let states = await deliveryStates(db, plan.broadcastId);
    for (let i = 0; i < 120 && ((states.planned ?? 0) > 0 || (states.sending ?? 0) > 0); i++) {
      await new Promise((r) => setTimeout(r, 500));
      states = await deliveryStates(db, plan.broadcastId);
    }
    await Promise.all(e2e.children.map((c) => c.stop()));
    const acceptedFromEngine = (await getJson<{ accepted: number }>(`${fakeUrl}/__fake/stats`)).accepted;
    const redisEngine = await redisMemory(redis.client);
    log(`end-to-end: ${e2e.messages} messages, ${Math.round(e2e.perSecond)}/s (steady ${Math.round(e2e.steadyPerSecond)}/s), peak RSS ${mb(e2e.peakRssPerProcess)} MB per worker; states ${JSON.stringify(states)}`);
    if (cluster) {
      await db.destroy();
      writeResult('sms-scale-out', {
        date: new Date().toISOString(),
        loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
        settings: { subscribers: N, recipients, redisCluster: { masters: cluster.nodes.length, queueShards: Number(opt['queue-shards']) }, workers: WORKERS, workerConcurrency: WC, sendConcurrency: SC, batchSize: Number(opt['batch-size']) },
        planning: { ms: Math.round(plan.ms), deliveries: plan.deliveries, batches: plan.batches },
        endToEnd: { ...e2e, children: undefined, states },
        cpuMicrosecondsPerMessage: {
          engineWorkers: perMessage(e2e.workerCpuSeconds, e2e.messages),
          enginePostgres: perMessage(e2e.postgresCpuSeconds, e2e.messages),
          engineFake: perMessage(e2e.fakeCpuSeconds, e2e.messages),
        },
        everyDeliverySentOnce: states.sent === recipients && Object.keys(states).length === 1 && acceptedFromEngine === recipients,
      });
      return;
    }

    const fakeCpuBeforeRaw = cpuSeconds(fakePid);
    const machineBeforeRaw = machineCpu();
    const raw = await rawHttp({
      baseUrl: fakeUrl,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: FROM,
      body: SMS_TEXT,
      statusCallbackBase: 'http://localhost:3000/api/v1/webhooks/twilio/status',
      requests: Number(opt['raw-requests'] ?? Math.min(N, 200_000)),
      concurrency: IN_FLIGHT,
    });
    const rawFakeCpuSeconds = cpuSeconds(fakePid) - fakeCpuBeforeRaw;
    const machineAfterRaw = machineCpu();
    const rawBusyCores = (cpus().length * (machineAfterRaw.busy - machineBeforeRaw.busy)) / Math.max(1, machineAfterRaw.total - machineBeforeRaw.total);
    const rawOtherCores = +(rawBusyCores - (raw.clientCpuSeconds + rawFakeCpuSeconds) / (raw.ms / 1000)).toFixed(2);
    log(`(a) raw HTTP: ${raw.ok} ok, ${raw.failed} failed, ${Math.round(raw.perSecond)}/s at ${IN_FLIGHT} in flight`);

    const sample = Math.min(N, Number(opt['naive-sample']));
    const naiveEnqueue = await enqueueNaive(db, redisUrl, '{bench-naive}', world.province.path, sample);
    const naiveEnv: NaiveWorkerEnv = {
      databaseUrl,
      redisUrl,
      prefix: '{bench-naive}',
      concurrency: WC * SC,
      twilio: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM, apiBaseUrl: fakeUrl },
      body: SMS_TEXT,
    };
    const naiveScript = fileURLToPath(import.meta.url);
    const naive = await runSendPhase({
      fakeUrl,
      fakePid,
      redis: redis.client,
      target: naiveEnqueue.jobs,
      deadlineMs: Math.max(120_000, sample * 5),
      start: () =>
        track(
          Array.from({ length: WORKERS }, (_, i) =>
            spawnNode(`naive-${i}`, naiveScript, ['--role', 'naive-worker'], { ...env, BENCH_NAIVE: JSON.stringify(naiveEnv) }, /naive worker ready/),
          ),
        ),
    });
    await Promise.all(naive.children.map((c) => c.stop()));
    const [{ n: naiveSaved }] = await db.query(`SELECT count(*)::int AS n FROM delivery WHERE broadcast_id <> $1`, [plan.broadcastId]);
    log(`(c) naive: enqueue ${naiveEnqueue.jobs} jobs in ${Math.round(naiveEnqueue.ms)} ms; ${naive.messages} sent, ${Math.round(naive.perSecond)}/s; ${naiveSaved} rows saved`);
    if (WITHOUT_ROLLUP) await setReportTriggers(db, true);
    await db.destroy();

    const result = {
      date: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
      settings: { subscribers: N, recipients, workers: WORKERS, workerConcurrency: WC, sendConcurrency: SC, inFlight: IN_FLIGHT, batchSize: Number(opt['batch-size']), reportRollup: !WITHOUT_ROLLUP },
      planning: { ms: Math.round(plan.ms), deliveries: plan.deliveries, batches: plan.batches, bareMs: Math.round(bare.ms), formerStatementMs: Math.round(formerSql.ms), ratio: +(plan.ms / bare.ms).toFixed(2) },
      endToEnd: { ...e2e, children: undefined, states },
      redis: {
        beforePlanMb: +(redisBefore.used / MB).toFixed(1),
        afterPlanMb: +(redisAfterPlan.used / MB).toFixed(1),
        peakDuringSendMb: +(e2e.peakRedisUsed / MB).toFixed(1),
        serverPeakAfterEngineMb: +(redisEngine.peak / MB).toFixed(1),
      },
      rawHttp: { ...raw, fakeCpuSeconds: rawFakeCpuSeconds, otherCores: rawOtherCores },
      // CPU per message is steadier than messages/s on a shared machine: it does not depend on what else runs.
      cpuMicrosecondsPerMessage: {
        engineWorkers: perMessage(e2e.workerCpuSeconds, e2e.messages),
        enginePostgres: perMessage(e2e.postgresCpuSeconds, e2e.messages),
        engineFake: perMessage(e2e.fakeCpuSeconds, e2e.messages),
        rawClient: perMessage(raw.clientCpuSeconds, raw.ok),
        rawFake: perMessage(rawFakeCpuSeconds, raw.ok),
        naiveWorkers: perMessage(naive.workerCpuSeconds, naive.messages),
        naivePostgres: perMessage(naive.postgresCpuSeconds, naive.messages),
      },
      // Whole pipeline (sender + fake provider + Postgres): the CPU-bound ceiling of each design on this machine.
      pipelineCpuMicrosecondsPerMessage: {
        engine: perMessage(e2e.workerCpuSeconds + e2e.fakeCpuSeconds + e2e.postgresCpuSeconds, e2e.messages),
        raw: perMessage(raw.clientCpuSeconds + rawFakeCpuSeconds, raw.ok),
        naive: perMessage(naive.workerCpuSeconds + naive.fakeCpuSeconds + naive.postgresCpuSeconds, naive.messages),
      },
      naive: { enqueueMs: Math.round(naiveEnqueue.ms), jobs: naiveEnqueue.jobs, saved: naiveSaved, ...naive, children: undefined },
      targets: {
        planningWithin1_5xBare: plan.ms <= 1.5 * bare.ms,
        endToEndAtLeast70PctRaw: e2e.perSecond >= 0.7 * raw.perSecond,
        endToEndAtLeast3xNaive: e2e.perSecond >= 3 * naive.perSecond,
        workerRssWithin512Mb: e2e.peakRssPerProcess <= 512 * MB,
        everyDeliverySentOnce: states.sent === plan.deliveries && Object.keys(states).length === 1 && acceptedFromEngine === plan.deliveries,
      },
    };
    writeResult('sms-engine', result);
  } finally {
    await redis.client?.quit().catch(() => undefined);
    for (const child of children.reverse()) await child.stop();
    await cluster?.stop();
  }
}

function writeResult(name: string, result: { date: string } & Record<string, unknown>): void {
  mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
  const file = resolve(ROOT, `bench/results/${name}-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${file}\n`);
}

if (opt.role === 'naive-worker') {
  await runNaiveWorker(JSON.parse(process.env.BENCH_NAIVE ?? '{}') as NaiveWorkerEnv);
} else {
  await bench();
}
