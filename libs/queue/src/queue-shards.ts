import type { AppConfig } from '#config/index.js';
import { QUEUES, type JobDefinition, type QueueName } from './catalogue.js';

/**
 * Redis Cluster keys and queue shards. BullMQ keeps every key of a queue under `<prefix>:<queue>:…`
 * and its scripts touch several of them at once, so each queue's prefix is its own hash tag
 * `{QUEUE_PREFIX:<queue>}`: one queue's keys share a slot, and different queues spread over the
 * cluster's masters. The SMS lanes can be split further into SMS_QUEUE_SHARDS queues (`sms-bulk`,
 * `sms-bulk-1`, …), so one lane's work is shared by several masters too.
 */

/** The catalogue queues that SMS_QUEUE_SHARDS splits. */
const SHARDED: ReadonlySet<QueueName> = new Set([QUEUES.smsBulk, QUEUES.smsUrgent]);

/** The BullMQ prefix of one (physical) queue: its own hash tag. */
export function queuePrefix(prefix: string, physicalQueue: string): string {
  return `{${prefix}:${physicalQueue}}`;
}

/** A key of tincoso's own (rate limiter, throttle, lease) whose related keys must share a slot: `{prefix:tag}:rest`. */
export function taggedKey(prefix: string, tag: string, ...rest: string[]): string {
  return [`{${prefix}:${tag}}`, ...rest].join(':');
}

export function shardCount(queue: QueueName, config: Pick<AppConfig, 'sms'>): number {
  return SHARDED.has(queue) ? config.sms.queueShards : 1;
}

/** The physical queues of a catalogue queue: shard 0 keeps the plain name, so one shard is the unsharded layout. */
export function physicalQueues(queue: QueueName, shards: number): string[] {
  return Array.from({ length: shards }, (_, i) => (i === 0 ? queue : `${queue}-${i}`));
}

/** The physical queue a job goes to: a stable hash (FNV-1a) of its shard key, so re-enqueuing finds the same queue. */
export function physicalQueueOf<P>(def: JobDefinition<P>, payload: P, shards: number): string {
  if (shards <= 1 || !def.shardKey) return def.queue;
  let hash = 0x811c9dc5;
  for (const ch of def.shardKey(payload)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return physicalQueues(def.queue, shards)[hash % shards];
}
