import type { AppConfig } from '#config/index.js';

/**
 * The one job catalogue: every queue, every job name, its payload type and its deterministic job id.
 * Payloads carry ids only; handlers re-read Postgres. The worker checks at boot that every job here
 * has exactly one handler (a provider marked `@HandlesJob`, see job-handler.ts).
 */
export const QUEUES = {
  housekeeping: 'housekeeping',
  /** Plans an occurrence at its due time: writes its deliveries and enqueues their batches. */
  occurrences: 'occurrences',
  /** SMS batches, bulk lane (normal and priority broadcasts). */
  smsBulk: 'sms-bulk',
  /** SMS batches of emergency broadcasts: their own lane and workers, so they overtake bulk work. */
  smsUrgent: 'sms-urgent',
  /** Zalo OA and Facebook Page posts: publish, verify unknown outcomes, unpublish, token upkeep. */
  social: 'social',
  /** Loudspeaker audio: speech rendered from a script, or an upload's duration measured. */
  loudspeakerAudio: 'loudspeaker-audio',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Jobs one worker process runs at once on each queue; the type makes a queue without a setting a compile error. */
export const QUEUE_CONCURRENCY: Record<QueueName, (config: AppConfig) => number> = {
  [QUEUES.housekeeping]: () => 1,
  [QUEUES.occurrences]: () => 2,
  [QUEUES.smsBulk]: (config) => config.sms.workerConcurrency,
  [QUEUES.smsUrgent]: (config) => config.sms.urgentWorkerConcurrency,
  [QUEUES.social]: () => 4,
  [QUEUES.loudspeakerAudio]: () => 2,
};

export interface JobDefinition<P> {
  queue: QueueName;
  name: string;
  /** Same payload → same id, so enqueuing twice is a no-op. BullMQ 6 refuses custom ids containing ':'. */
  jobId: (payload: P) => string;
  /**
   * Jobs of a sharded queue (see queue-shards.ts) go to the shard this key hashes to: the same
   * payload always lands on the same shard, so the id still makes enqueuing twice a no-op.
   */
  shardKey?: (payload: P) => string;
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

export interface SocialBatchPayload {
  occurrenceId: string;
  channel: 'zalo' | 'facebook';
  batchNo: number;
  wakeAt: number;
}

export const JOBS = {
  purgeRefreshTokens: job<{ day: string }>({
    queue: QUEUES.housekeeping,
    name: 'purge-refresh-tokens',
    jobId: ({ day }) => `purge-refresh-tokens-${day}`,
  }),
  /** Delivery partitions created ahead and old months retired (DELIVERY_RETENTION_MONTHS); `hour` is the cron's hour. */
  upkeepDeliveryPartitions: job<{ hour: string }>({
    queue: QUEUES.housekeeping,
    name: 'upkeep-delivery-partitions',
    jobId: ({ hour }) => `delivery-partitions-${hour}`,
  }),
  /** Counts new settlements into the reports' rollup; `slot` is the cron's 5-second tick so replicas do not double it. */
  rollUpReports: job<{ slot: string }>({
    queue: QUEUES.housekeeping,
    name: 'roll-up-reports',
    jobId: ({ slot }) => `reports-roll-up-${slot}`,
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
    shardKey: ({ occurrenceId, batchNo }) => `${occurrenceId}-${batchNo}`,
  }),
  sendUrgentSmsBatch: job<SmsBatchPayload>({
    queue: QUEUES.smsUrgent,
    name: 'send-sms-batch',
    jobId: ({ occurrenceId, batchNo, wakeAt }) => `sms-${occurrenceId}-${batchNo}-${wakeAt}`,
    shardKey: ({ occurrenceId, batchNo }) => `${occurrenceId}-${batchNo}`,
  }),
  publishSocial: job<SocialBatchPayload>({
    queue: QUEUES.social,
    name: 'publish-social',
    jobId: ({ occurrenceId, channel, batchNo, wakeAt }) => `social-${channel}-${occurrenceId}-${batchNo}-${wakeAt}`,
  }),
  /** `attempt` is the delivery's attempt count, so a later unknown outcome gets its own verification. */
  verifySocial: job<{ deliveryId: string; attempt: number }>({
    queue: QUEUES.social,
    name: 'verify-social',
    jobId: ({ deliveryId, attempt }) => `social-verify-${deliveryId}-${attempt}`,
  }),
  unpublishSocial: job<{ broadcastId: string }>({
    queue: QUEUES.social,
    name: 'unpublish-social',
    jobId: ({ broadcastId }) => `social-unpublish-${broadcastId}`,
  }),
  /** An emergency updated: its published posts carry the new version (edited, or reposted where the platform cannot edit). */
  editSocial: job<{ broadcastId: string; messageVersion: number }>({
    queue: QUEUES.social,
    name: 'edit-social',
    jobId: ({ broadcastId, messageVersion }) => `social-edit-${broadcastId}-${messageVersion}`,
  }),
  /**
   * Facebook posts handed over ahead of their occurrence: withdraw those whose message changed, hand
   * over the newly due. `trigger` names what asked for it (the minute's cron slot, a message version
   * approved or edited, a broadcast scheduled), so each asks once.
   */
  reviewSocialSchedule: job<{ trigger: string }>({
    queue: QUEUES.social,
    name: 'review-social-schedule',
    jobId: ({ trigger }) => `social-schedule-${trigger}`,
  }),
  /** Token refresh, verification and unpublish sweep; `slot` is the cron's minute so replicas do not double it. */
  socialUpkeep: job<{ slot: string }>({
    queue: QUEUES.social,
    name: 'social-upkeep',
    jobId: ({ slot }) => `social-upkeep-${slot}`,
  }),
  /** The CAP Atom feeds of CAP_FEEDS read for new alerts; `slot` is the cron's minute. */
  pollCapFeeds: job<{ slot: string }>({
    queue: QUEUES.housekeeping,
    name: 'poll-cap-feeds',
    jobId: ({ slot }) => `cap-feeds-${slot}`,
  }),
  /** Emergency updates and cancellations committed but not propagated (a crash, Redis refusing); `slot` is the cron's 15-second tick. */
  completeEmergencyChanges: job<{ slot: string }>({
    queue: QUEUES.housekeeping,
    name: 'complete-emergency-changes',
    jobId: ({ slot }) => `emergency-changes-${slot}`,
  }),
  /** Relays nobody placed by their deadline go into the first airing with room; `slot` is the cron's minute. */
  placeDueRelays: job<{ slot: string }>({
    queue: QUEUES.housekeeping,
    name: 'place-due-relays',
    jobId: ({ slot }) => `relays-due-${slot}`,
  }),
  /** Bulletins pushed by upper-level systems whose audio is now ready become broadcasts; `slot` is the cron's minute. */
  promoteSystemPushes: job<{ slot: string }>({
    queue: QUEUES.housekeeping,
    name: 'promote-system-pushes',
    jobId: ({ slot }) => `system-pushes-${slot}`,
  }),
  prepareLoudspeakerAudio: job<{ audioId: string }>({
    queue: QUEUES.loudspeakerAudio,
    name: 'prepare-loudspeaker-audio',
    jobId: ({ audioId }) => `loudspeaker-audio-${audioId}`,
  }),
  /** An emergency updated: its items not yet played take the new speech once it is ready (retried with backoff until then). */
  replaceLoudspeakerAudio: job<{ broadcastId: string; messageVersion: number; audioId: string }>({
    queue: QUEUES.loudspeakerAudio,
    name: 'replace-loudspeaker-audio',
    jobId: ({ broadcastId, messageVersion }) => `loudspeaker-replace-${broadcastId}-${messageVersion}`,
  }),
} as const;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = (typeof JOBS)[K] extends JobDefinition<infer P> ? P : never;
