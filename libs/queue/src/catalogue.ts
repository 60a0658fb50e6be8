/**
 * The one job catalogue: every queue, every job name, its payload type and its deterministic job id.
 * Payloads carry ids only; handlers re-read Postgres. The worker checks at boot that every queue
 * here has exactly one processor.
 */
export const QUEUES = {
  housekeeping: 'housekeeping',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobDefinition<P> {
  queue: QueueName;
  name: string;
  /** Same payload → same id, so enqueuing twice is a no-op. */
  jobId: (payload: P) => string;
}

function job<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export const JOBS = {
  purgeRefreshTokens: job<{ day: string }>({
    queue: QUEUES.housekeeping,
    name: 'purge-refresh-tokens',
    jobId: ({ day }) => `purge-refresh-tokens:${day}`,
  }),
} as const;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = (typeof JOBS)[K] extends JobDefinition<infer P> ? P : never;

/** Redis Cluster keeps a queue's keys in one slot only when the prefix is a hash tag. */
export function queuePrefix(prefix: string): string {
  return `{${prefix}}`;
}
