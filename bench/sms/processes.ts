import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { Redis } from 'ioredis';

/** A child process the bench started; stopped by its own pid only. */
export interface Child {
  proc: ChildProcess;
  name: string;
  stop(): Promise<void>;
}

/** Spawns `node <script>` and resolves once a line of its stdout matches `ready`. */
export function spawnNode(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, nodeArgs: string[] = []): Promise<Child> {
  return spawnProcess(name, process.execPath, [...nodeArgs, script, ...args], env, ready);
}

export function spawnProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000): Promise<Child> {
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    proc,
    name,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name} not ready after ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      if (process.env.BENCH_LOG_DIR) appendFileSync(`${process.env.BENCH_LOG_DIR}/${name}.log`, c);
      out += c.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        out = '';
        resolve(child);
      } else {
        out = out.slice(-4000);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready: ${stderr}`));
    });
  });
}

/** Resident set size of a process in bytes, from /proc (Linux); 0 once it has exited. */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) of a process in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every process with this command name (e.g. all Postgres backends), from /proc. */
export function cpuSecondsOf(comm: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === comm) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

export async function getJson<T>(url: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as T);
          } catch (error) {
            reject(error);
          }
        });
      })
      .on('error', reject);
  });
}

export async function redisMemory(redis: Redis): Promise<{ used: number; peak: number }> {
  const info = await redis.info('memory');
  const read = (key: string) => Number(new RegExp(`^${key}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { used: read('used_memory'), peak: read('used_memory_peak') };
}

/** Samples worker RSS (per process and summed) and Redis used memory until stopped. */
export class Sampler {
  peakRssPerProcess = 0;
  peakRssTotal = 0;
  peakRedisUsed = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly pids: () => number[],
    private readonly redis: Redis,
    private readonly intervalMs = 500,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const rss = this.pids().map(rssBytes);
      this.peakRssPerProcess = Math.max(this.peakRssPerProcess, ...rss);
      this.peakRssTotal = Math.max(this.peakRssTotal, rss.reduce((a, b) => a + b, 0));
      this.peakRedisUsed = Math.max(this.peakRedisUsed, (await redisMemory(this.redis)).used);
    } finally {
      this.busy = false;
    }
  }
}

/** A timestamped progress line on the bench's own output. */
export function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/**
 * The environment of an api or worker a bench starts: its own database, Redis and queue prefix,
 * migrations off (the bench built the database), the official lists under `root`. `extra` adds or
 * overrides (a provider, the api's port).
 */
export function benchEnv(root: string, p: { name: string; database: string; redisPort: string; apiPort?: string }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const apiUrl = `http://127.0.0.1:${p.apiPort ?? '3000'}`;
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    ...(p.apiPort ? { PORT: p.apiPort, HOST: '127.0.0.1' } : {}),
    PUBLIC_BASE_URL: apiUrl,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${p.database}`,
    REDIS_URL: `redis://127.0.0.1:${p.redisPort}/0`,
    QUEUE_PREFIX: `bench-${p.name}`,
    MIGRATE_ON_START: 'false',
    UNITS_DATA_DIR: `${root}/data/units`,
    STORAGE_DIR: `${root}/var/bench-${p.name}-storage`,
    SMS_PROVIDER: 'sandbox',
    ...extra,
  };
}
