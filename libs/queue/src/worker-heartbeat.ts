import { taggedKey } from './queue-shards.js';
import type { RedisClient } from './redis.js';

export interface WorkerHeartbeatStatus {
  /** Worker processes whose last heartbeat is younger than the stale limit. */
  alive: number;
  /** Seconds since the newest heartbeat of any worker; null when none was ever written (or all were pruned). */
  newestAgeSeconds: number | null;
}

/** Heartbeats older than this are pruned from the set: a worker gone for a day is forgotten. */
const FORGET_AFTER_MS = 86_400_000;

/**
 * Worker processes' heartbeats: one sorted set, member = worker id, score = epoch ms of its last
 * beat. One key, so it works unchanged on a Redis Cluster.
 */
export class WorkerHeartbeats {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = taggedKey(prefix, 'worker-heartbeats');
  }

  async beat(workerId: string, at = Date.now()): Promise<void> {
    await this.redis.multi().zadd(this.key, at, workerId).zremrangebyscore(this.key, '-inf', at - FORGET_AFTER_MS).exec();
  }

  async forget(workerId: string): Promise<void> {
    await this.redis.zrem(this.key, workerId);
  }

  async status(staleSeconds: number, now = Date.now()): Promise<WorkerHeartbeatStatus> {
    const [alive, newest] = await Promise.all([
      this.redis.zcount(this.key, String(now - staleSeconds * 1000), '+inf'),
      this.redis.zrange(this.key, '-1', '-1', 'WITHSCORES'),
    ]);
    const newestAt = newest.length === 2 ? Number(newest[1]) : null;
    return { alive, newestAgeSeconds: newestAt === null ? null : Math.max(0, (now - newestAt) / 1000) };
  }
}
