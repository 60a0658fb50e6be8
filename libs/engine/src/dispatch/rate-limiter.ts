import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS, taggedKey, type RedisClient } from '#queue/index.js';

/**
 * A token bucket per provider account, shared by every worker through Redis (the clock is Redis's
 * own, so workers on several machines agree). While urgent work holds the account, bulk callers wait:
 * emergency SMS overtake bulk SMS at the provider, not only in the queue. The bucket and the urgent
 * mark share the hash tag `{QUEUE_PREFIX:rate:<account>}`, so the script runs on a Redis Cluster.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local lane = ARGV[4]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if lane == 'urgent' then
  redis.call('SET', KEYS[2], '1', 'PX', 3000)
elseif redis.call('EXISTS', KEYS[2]) == 1 then
  return {0, 100}
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - ts) * rate / 1000)
local granted = math.min(wanted, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
if granted > 0 then return {granted, 0} end
return {0, math.max(1, math.ceil((1 - tokens) * 1000 / rate))}
`;

export type Lane = 'bulk' | 'urgent';

@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Waits until `count` sends are allowed on the account; returns how long it waited (ms). */
  async acquire(account: string, count: number, ratePerSecond: number, lane: Lane): Promise<number> {
    const started = Date.now();
    let needed = count;
    while (needed > 0) {
      const [granted, waitMs] = await this.take(account, needed, ratePerSecond, lane);
      needed -= granted;
      if (needed > 0 && waitMs > 0) await sleep(waitMs);
    }
    return Date.now() - started;
  }

  /**
   * Waits only until at least one send is allowed, then takes as many as the bucket holds up to
   * `max`: a caller starts sending with what it got instead of waiting for a whole chunk.
   */
  async acquireUpTo(account: string, max: number, ratePerSecond: number, lane: Lane): Promise<number> {
    if (max < 1) return 0;
    for (;;) {
      const [granted, waitMs] = await this.take(account, max, ratePerSecond, lane);
      if (granted > 0) return granted;
      await sleep(Math.max(1, waitMs));
    }
  }

  private async take(account: string, wanted: number, ratePerSecond: number, lane: Lane): Promise<[number, number]> {
    const burst = Math.max(1, Math.ceil(ratePerSecond / 5));
    const bucket = taggedKey(this.config.queuePrefix, `rate:${account}`);
    return (await this.redis.eval(TAKE, 2, bucket, `${bucket}:urgent`, ratePerSecond, burst, wanted, lane)) as [number, number];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
