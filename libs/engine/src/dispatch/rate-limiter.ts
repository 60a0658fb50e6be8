import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS } from '#queue/index.js';

/**
 * A token bucket per provider account, shared by every worker through Redis (the clock is Redis's
 * own, so workers on several machines agree). While urgent work holds the account, bulk callers wait:
 * emergency SMS overtake bulk SMS at the provider, not only in the queue.
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
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Waits until `count` sends are allowed on the account; returns how long it waited (ms). */
  async acquire(account: string, count: number, ratePerSecond: number, lane: Lane): Promise<number> {
    const started = Date.now();
    const burst = Math.max(1, Math.ceil(ratePerSecond / 5));
    const prefix = `${this.config.queuePrefix}:rate:${account}`;
    let needed = count;
    while (needed > 0) {
      const [granted, waitMs] = (await this.redis.eval(TAKE, 2, prefix, `${prefix}:urgent`, ratePerSecond, burst, needed, lane)) as [
        number,
        number,
      ];
      needed -= granted;
      if (needed > 0 && waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    return Date.now() - started;
  }
}
