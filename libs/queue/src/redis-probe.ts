import { randomBytes } from 'node:crypto';
import type { AppConfig } from '#config/index.js';
import { QUEUES } from './catalogue.js';
import { physicalQueues, shardCount, taggedKey } from './queue-shards.js';
import { assertRedisMode, type RedisClient } from './redis.js';

/**
 * Readiness of Redis as tincoso uses it, not merely reachable: a single-Redis connection must not
 * point at a cluster node, and a write then a read under every queue's hash tag must succeed (so
 * MOVED, CROSSSLOT, NOAUTH, READONLY, OOM from any node that holds our keys fail it).
 */
export async function probeRedis(redis: RedisClient, config: Pick<AppConfig, 'queuePrefix' | 'sms'>): Promise<void> {
  await assertRedisMode(redis);
  const token = randomBytes(6).toString('hex');
  const tags = Object.values(QUEUES).flatMap((queue) => physicalQueues(queue, shardCount(queue, config)));
  await Promise.all(
    tags.map(async (tag) => {
      const key = taggedKey(config.queuePrefix, tag, 'ready-probe');
      await redis.set(key, token, 'PX', 10_000);
      const read = await redis.get(key);
      if (read !== token) throw new Error(`Redis returned ${JSON.stringify(read)} for the probe key ${key}`);
    }),
  );
}
