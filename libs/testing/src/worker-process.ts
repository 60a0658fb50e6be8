import { spawn, type ChildProcess } from 'node:child_process';
import type { AppConfig } from '../../config/src/index.js';

/** The environment that makes the built worker run with the same settings as a test's in-process config. */
export function workerEnv(config: AppConfig): NodeJS.ProcessEnv {
  const t = config.sms.twilio;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    PUBLIC_BASE_URL: config.publicBaseUrl,
    STORAGE_DIR: config.storageDir,
    SMS_PROVIDER: config.sms.provider,
    TWILIO_ACCOUNT_SID: t.accountSid ?? undefined,
    TWILIO_AUTH_TOKEN: t.authToken ?? undefined,
    TWILIO_FROM: t.from ?? undefined,
    TWILIO_API_BASE_URL: t.apiBaseUrl ?? undefined,
    TWILIO_TIMEOUT_MS: String(t.timeoutMs),
    SMS_BATCH_SIZE: String(config.sms.batchSize),
    SMS_SEND_CONCURRENCY: String(config.sms.sendConcurrency),
    SMS_WORKER_CONCURRENCY: String(config.sms.workerConcurrency),
    SMS_RATE_PER_SECOND: String(config.sms.ratePerSecond),
    SMS_MAX_ATTEMPTS: String(config.sms.maxAttempts),
    SMS_BACKOFF_BASE_MS: String(config.sms.backoffBaseMs),
    SMS_BACKOFF_CAP_MS: String(config.sms.backoffCapMs),
    RECONCILE_INTERVAL_SECONDS: String(config.engine.reconcileIntervalSeconds),
    SENDING_TIMEOUT_SECONDS: String(config.engine.sendingTimeoutSeconds),
    WORKER_LOCK_DURATION_MS: String(config.worker.lockDurationMs),
    WORKER_STALLED_INTERVAL_MS: String(config.worker.stalledIntervalMs),
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/apps/worker/src/main.js` and resolves once it says it is ready. */
export async function spawnWorker(config: AppConfig): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], { env: workerEnv(config), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!out.includes('tincoso worker ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => out, exited };
}
