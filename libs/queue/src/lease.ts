import { hostname } from 'node:os';
import type { RedisClient } from './redis.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A lease on one Redis key (one key: any node of a cluster holds it whole). Returns the holder's
 * token, or null when someone else holds it.
 */
export async function acquireLease(redis: RedisClient, key: string, ms: number): Promise<string | null> {
  const holder = `${hostname()}:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`;
  return (await redis.set(key, holder, 'PX', ms, 'NX')) === 'OK' ? holder : null;
}

/** Releases the lease only if `holder` still holds it: after a pass longer than the lease, another may. */
export async function releaseLease(redis: RedisClient, key: string, holder: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, holder);
}
