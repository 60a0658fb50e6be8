import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '#config/index.js';

/** The environment that makes the built worker run with the same settings as a test's in-process config. */
function workerEnv(config: AppConfig): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    // The variables the in-process config was read from, provider blocks (TWILIO_*, ...) included.
    ...config.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    PUBLIC_BASE_URL: config.publicBaseUrl,
    STORAGE_DIR: config.storageDir,
    SMS_PROVIDER: config.sms.provider,
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
    WORKER_METRICS_PORT: String(config.metrics.workerPort),
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process exited. */
  at: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built worker as production runs it (`node dist/apps/worker/src/main.js`), with only `env` (and PATH). */
export class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<WorkerExit>;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the worker says it is ready; fails as soon as it exits instead. */
  async ready(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stdout.includes('tincoso worker ready')) {
      if (!this.running) throw new Error(`worker exited during start-up:\n${this.stdout}${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`worker not ready after ${timeoutMs} ms:\n${this.stdout}${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Starts the built worker with a test's in-process config and resolves once it is ready. */
export async function spawnWorker(config: AppConfig): Promise<WorkerProcess> {
  const worker = new WorkerProcess(workerEnv(config));
  await worker.ready();
  return worker;
}
