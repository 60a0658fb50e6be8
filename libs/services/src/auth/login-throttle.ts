import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { RateLimitedError } from '#domain/index.js';
import { REDIS, taggedKey, type RedisClient } from '#queue/index.js';

/**
 * Failed logins are counted per (username, client address) and per username. Past the limit the
 * account is locked for that address (or everywhere, at four times the limit) until the window ends.
 * Both counters of a username share the hash tag `{QUEUE_PREFIX:login-fail:<username>}`, so the
 * transactions over them run on a Redis Cluster.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): [string, string] {
    const user = taggedKey(this.config.queuePrefix, `login-fail:${username}`);
    return [`${user}:${ip}`, user];
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const [pairKey, userKey] = this.keys(username, ip);
    const [[, pair], [, user], [, pairTtl], [, userTtl]] = (await this.redis
      .multi()
      .get(pairKey)
      .get(userKey)
      .ttl(pairKey)
      .ttl(userKey)
      .exec()) as [unknown, string | null][];
    const max = this.config.loginMaxAttempts;
    const lockedPair = Number(pair ?? 0) >= max;
    const lockedUser = Number(user ?? 0) >= max * 4;
    if (lockedPair || lockedUser) {
      const ttl = Math.max(1, Number(lockedUser ? userTtl : pairTtl));
      throw new RateLimitedError(
        'auth.too-many-attempts',
        `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(ttl / 60)} phút.`,
        ttl,
      );
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const window = this.config.loginLockSeconds;
    const multi = this.redis.multi();
    for (const key of this.keys(username, ip)) multi.incr(key).expire(key, window, 'NX');
    await multi.exec();
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(username, ip)[0]);
  }
}
