import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The counters and histograms of this process, incremented where an outcome is already decided (no
 * extra query). Labels are bounded sets (queue, channel, provider, outcome, route pattern): never an id.
 */
export const processRegistry = new Registry();

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestDuration = new Histogram({
  name: 'tincoso_http_request_duration_seconds',
  help: 'HTTP requests of the api by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: SECONDS,
  registers: [processRegistry],
});

export const jobsProcessed = new Counter({
  name: 'tincoso_jobs_total',
  help: 'Jobs the worker ran, by queue and outcome (completed, failed)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [processRegistry],
});

export const jobDuration = new Histogram({
  name: 'tincoso_job_duration_seconds',
  help: 'How long a job ran on the worker, by queue',
  labelNames: ['queue'] as const,
  buckets: SECONDS,
  registers: [processRegistry],
});

export const sends = new Counter({
  name: 'tincoso_sends_total',
  help: 'Deliveries handed to a provider, by channel, provider and outcome (sent, retryable, permanent, unknown)',
  labelNames: ['channel', 'provider', 'outcome'] as const,
  registers: [processRegistry],
});

export const providerRequestDuration = new Histogram({
  name: 'tincoso_provider_request_duration_seconds',
  help: 'How long one provider call took, by channel and provider',
  labelNames: ['channel', 'provider'] as const,
  buckets: SECONDS,
  registers: [processRegistry],
});

export const occurrenceStartDelay = new Histogram({
  name: 'tincoso_occurrence_start_delay_seconds',
  help: 'From an occurrence being due to its planning starting',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
  registers: [processRegistry],
});

/** Counts provider outcomes of one channel once they are recorded. */
export function countSends(channel: string, provider: string, outcomes: readonly { attemptOutcome: string }[]): void {
  for (const o of outcomes) sends.inc({ channel, provider, outcome: o.attemptOutcome });
}

/** Observes one provider call that started at `startedAt`. */
export function observeProviderCall(channel: string, provider: string, startedAt: Date): void {
  providerRequestDuration.observe({ channel, provider }, (Date.now() - startedAt.getTime()) / 1000);
}

let defaultsOn = false;

/** Node's own metrics (CPU, memory, event loop lag, GC), once per process, when it starts exposing metrics. */
export function collectProcessDefaults(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: processRegistry, prefix: 'tincoso_' });
}
