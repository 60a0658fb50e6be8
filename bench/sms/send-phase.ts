import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Redis } from 'ioredis';
import { cpuSeconds, cpuSecondsOf, getJson, Sampler, type Child } from './processes.js';

export interface SendPhaseResult {
  messages: number;
  /** From the last poll before the first accepted message to the poll that saw the last one. */
  activeSeconds: number;
  perSecond: number;
  /** Median of the 1-second windows between 10% and 90% of the messages (the steady state). */
  steadyPerSecond: number;
  peakRssPerProcess: number;
  peakRssTotal: number;
  peakRedisUsed: number;
  workerCpuSeconds: number;
  fakeCpuSeconds: number;
  /** Every Postgres process on the machine, so other load on the same server counts too. */
  postgresCpuSeconds: number;
  machineBusyPercent: number;
  /** Cores busy with anything but the workers, the fake and Postgres (other jobs on a shared machine). */
  otherCores: number;
  timedOut: boolean;
}

/** Aggregate busy and total jiffies of the machine, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const parts = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (parts[3] ?? 0) + (parts[4] ?? 0);
  const total = parts.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Starts the sending processes and follows the fake provider's accepted count until `target` more
 * messages arrived (or the deadline passed), sampling worker RSS and Redis memory meanwhile.
 */
export async function runSendPhase(input: {
  fakeUrl: string;
  fakePid: number;
  redis: Redis;
  target: number;
  deadlineMs: number;
  start: () => Promise<Child[]>;
}): Promise<SendPhaseResult & { children: Child[] }> {
  const accepted = async () => (await getJson<{ accepted: number }>(`${input.fakeUrl}/__fake/stats`)).accepted;
  const base = await accepted();
  const fakeCpu0 = cpuSeconds(input.fakePid);
  const cpu0 = machineCpu();
  const pg0 = cpuSecondsOf('postgres');
  let children: Child[] = [];
  const sampler = new Sampler(() => children.map((c) => c.proc.pid ?? 0), input.redis).start();
  children = await input.start();
  const deadline = Date.now() + input.deadlineMs;
  const samples: { t: number; n: number }[] = [{ t: performance.now(), n: 0 }];
  let timedOut = false;
  let workerCpu = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const n = (await accepted()) - base;
    samples.push({ t: performance.now(), n });
    workerCpu = children.reduce((s, c) => s + cpuSeconds(c.proc.pid ?? 0), 0);
    if (n >= input.target) break;
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
  }
  await sampler.stop();
  const cpu1 = machineCpu();
  const pg1 = cpuSecondsOf('postgres');
  const firstIdx = Math.max(0, samples.findIndex((s) => s.n > 0) - 1);
  const last = samples.at(-1)!;
  const activeSeconds = (last.t - samples[firstIdx]!.t) / 1000;
  const wallSeconds = (last.t - samples[0]!.t) / 1000;
  const fakeCpu = cpuSeconds(input.fakePid) - fakeCpu0;
  const busyCores = (cpus().length * (cpu1.busy - cpu0.busy)) / Math.max(1, cpu1.total - cpu0.total);
  return {
    children,
    messages: last.n,
    activeSeconds,
    perSecond: last.n / activeSeconds,
    steadyPerSecond: steadyRate(samples, last.n),
    peakRssPerProcess: sampler.peakRssPerProcess,
    peakRssTotal: sampler.peakRssTotal,
    peakRedisUsed: sampler.peakRedisUsed,
    workerCpuSeconds: workerCpu,
    fakeCpuSeconds: fakeCpu,
    postgresCpuSeconds: pg1 - pg0,
    machineBusyPercent: (100 * (cpu1.busy - cpu0.busy)) / Math.max(1, cpu1.total - cpu0.total),
    otherCores: +(busyCores - (workerCpu + fakeCpu + (pg1 - pg0)) / wallSeconds).toFixed(2),
    timedOut,
  };
}

function steadyRate(samples: { t: number; n: number }[], total: number): number {
  const inside = samples.filter((s) => s.n >= total * 0.1 && s.n <= total * 0.9);
  const rates: number[] = [];
  for (let i = 0; i < inside.length; i++) {
    const j = inside.findIndex((s) => s.t >= inside[i]!.t + 1000);
    if (j < 0) break;
    rates.push(((inside[j]!.n - inside[i]!.n) * 1000) / (inside[j]!.t - inside[i]!.t));
  }
  rates.sort((a, b) => a - b);
  return rates.length ? rates[Math.floor(rates.length / 2)]! : total / ((samples.at(-1)!.t - samples[0]!.t) / 1000);
}
