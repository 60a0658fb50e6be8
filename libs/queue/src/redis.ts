import { Logger } from '@nestjs/common';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '#config/index.js';

/** A single Redis or a Redis Cluster: every command tincoso sends works on both. */
export type RedisClient = Redis | Cluster;

/**
 * What a connection is for. BullMQ's connections (queue, worker) and subscribers wait for Redis
 * (maxRetriesPerRequest: null); the app's commands (throttling, leases, readiness) fail fast instead.
 */
export type RedisPurpose = 'app' | 'queue' | 'worker' | 'subscriber';

export type RedisTarget = Pick<AppConfig, 'redisUrl' | 'redisClusterNodes'>;

/** Reconnect delays: 200 ms doubling to 10 s, never zero, so a refused or misdirected connection does not spin. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(10_000, 100 * 2 ** Math.min(Math.max(attempt, 1), 7));
}

/** Connection errors are logged at most once per this many ms per connection, with the count of those held back. */
const ERROR_LOG_INTERVAL_MS = 30_000;

export function isClusterMode(target: RedisTarget): boolean {
  return target.redisClusterNodes.length > 0;
}

/**
 * The one place a Redis connection is made: an ioredis Cluster when REDIS_CLUSTER_NODES is set (with
 * REDIS_URL's credentials and TLS), else a Redis at REDIS_URL. Reconnects back off and errors are
 * logged at a bounded rate, so a Redis that refuses us does not flood the log.
 */
export function createRedis(target: RedisTarget, purpose: RedisPurpose, extra: RedisOptions = {}): RedisClient {
  const options: RedisOptions = {
    enableReadyCheck: true,
    maxRetriesPerRequest: purpose === 'app' ? 2 : null,
    connectionName: `tincoso-${purpose}`,
    retryStrategy: reconnectDelayMs,
    ...extra,
  };
  let client: RedisClient;
  if (isClusterMode(target)) {
    const url = new URL(target.redisUrl);
    client = new Cluster(target.redisClusterNodes, {
      clusterRetryStrategy: reconnectDelayMs,
      slotsRefreshTimeout: 2000,
      redisOptions: {
        ...options,
        username: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        tls: url.protocol === 'rediss:' ? {} : undefined,
      },
    });
  } else {
    client = new Redis(target.redisUrl, options);
  }
  const log = throttledErrorLog(`redis-${purpose}`);
  client.on('error', log);
  if (client instanceof Cluster) client.on('node error', log);
  return client;
}

/** An error listener that logs at most once per 30 s, then says how many it held back. */
export function throttledErrorLog(context: string): (error: unknown) => void {
  const logger = new Logger(context);
  let lastAt = 0;
  let heldBack = 0;
  return (error: unknown) => {
    const now = Date.now();
    if (now - lastAt < ERROR_LOG_INTERVAL_MS) {
      heldBack += 1;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.error(heldBack > 0 ? `${message} (and ${heldBack} more in the last ${Math.round((now - lastAt) / 1000)} s)` : message);
    lastAt = now;
    heldBack = 0;
  };
}

/**
 * Refuses a single-Redis connection pointed at a node of a Redis Cluster: it would answer MOVED to
 * most keys. Resolves with nothing when the mode matches; throws a message naming the variable.
 */
export async function assertRedisMode(client: RedisClient): Promise<void> {
  if (client instanceof Cluster) return;
  const info = await client.info('cluster');
  if (/^cluster_enabled:1/m.test(info)) {
    throw new Error('REDIS_URL points at a node of a Redis Cluster: set REDIS_CLUSTER_NODES to its nodes (cluster mode)');
  }
}
