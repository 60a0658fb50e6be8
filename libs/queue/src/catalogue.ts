/**
 * The one job catalogue: every queue, every job name, its payload type and its deterministic job id.
 * Payloads carry ids only; handlers re-read Postgres. The worker checks at boot that every queue
 * here has exactly one processor.
 */
export const QUEUES = {
  housekeeping: 'housekeeping',
  /** Plans an occurrence at its due time: writes its deliveries and enqueues their batches. */
  occurrences: 'occurrences',
  /** SMS batches, bulk lane (normal and priority broadcasts). */
  smsBulk: 'sms-bulk',
  /** SMS batches of emergency broadcasts: their own lane and workers, so they overtake bulk work. */
  smsUrgent: 'sms-urgent',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobDefinition<P> {
  queue: QueueName;
  name: string;
  /** Same payload → same id, so enqueuing twice is a no-op. BullMQ 6 refuses custom ids containing ':'. */
  jobId: (payload: P) => string;
}

function job<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface SmsBatchPayload {
  occurrenceId: string;
  batchNo: number;
  /** Epoch ms of the earliest not_before the batch waits for; part of the id so a later wake-up is a new job. */
  wakeAt: number;
}

export const JOBS = {
  purgeRefreshTokens: job<{ day: string }>({
    queue: QUEUES.housekeeping,
    name: 'purge-refresh-tokens',
    jobId: ({ day }) => `purge-refresh-tokens-${day}`,
  }),
  runOccurrence: job<{ occurrenceId: string }>({
    queue: QUEUES.occurrences,
    name: 'run-occurrence',
    jobId: ({ occurrenceId }) => `occurrence-${occurrenceId}`,
  }),
  sendSmsBatch: job<SmsBatchPayload>({
    queue: QUEUES.smsBulk,
    name: 'send-sms-batch',
    jobId: ({ occurrenceId, batchNo, wakeAt }) => `sms-${occurrenceId}-${batchNo}-${wakeAt}`,
  }),
  sendUrgentSmsBatch: job<SmsBatchPayload>({
    queue: QUEUES.smsUrgent,
    name: 'send-sms-batch',
    jobId: ({ occurrenceId, batchNo, wakeAt }) => `sms-${occurrenceId}-${batchNo}-${wakeAt}`,
  }),
} as const;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = (typeof JOBS)[K] extends JobDefinition<infer P> ? P : never;

/** Redis Cluster keeps a queue's keys in one slot only when the prefix is a hash tag. */
export function queuePrefix(prefix: string): string {
  return `{${prefix}}`;
}
