import { createRedis, taggedKey, type RedisClient } from '#queue/index.js';
import { testConfig } from '#test/test-config.js';
import { RateLimiter } from './rate-limiter.js';

/** The shared token bucket against the real Redis: whole-chunk `acquire`, first-token `acquireUpTo`, urgent before bulk. */
describe('RateLimiter', () => {
  const config = testConfig({ databaseUrl: 'postgres://unused' });
  let redis: RedisClient;
  let limiter: RateLimiter;

  beforeAll(() => {
    redis = createRedis(config, 'app');
    limiter = new RateLimiter(redis, config);
  });
  afterAll(() => redis.quit());

  const timed = async <T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = Date.now();
    const value = await run();
    return { value, ms: Date.now() - started };
  };

  it('acquireUpTo takes what the bucket holds at once, then waits only for the next token', async () => {
    // 50/s: a burst of 10, one token every 20 ms.
    const full = await timed(() => limiter.acquireUpTo('acct-upto', 100, 50, 'bulk'));
    expect(full.value).toBe(10);
    expect(full.ms).toBeLessThan(100);
    const next = await timed(() => limiter.acquireUpTo('acct-upto', 100, 50, 'bulk'));
    expect(next.value).toBeGreaterThanOrEqual(1);
    expect(next.value).toBeLessThan(10);
    expect(next.ms).toBeLessThan(200);
  });

  it('acquireUpTo never grants more than asked', async () => {
    expect(await limiter.acquireUpTo('acct-max', 3, 50, 'bulk')).toBe(3);
    expect(await limiter.acquireUpTo('acct-max', 0, 50, 'bulk')).toBe(0);
  });

  it('acquire still waits for the whole count', async () => {
    await limiter.acquireUpTo('acct-whole', 100, 50, 'bulk');
    const whole = await timed(() => limiter.acquire('acct-whole', 10, 50, 'bulk'));
    // 10 tokens at 50/s from an empty bucket: about 200 ms.
    expect(whole.ms).toBeGreaterThanOrEqual(150);
  });

  it('holds bulk callers back while urgent work uses the account', async () => {
    expect(await limiter.acquireUpTo('acct-urgent', 1, 50, 'urgent')).toBe(1);
    let bulkGranted: number | null = null;
    const bulk = limiter.acquireUpTo('acct-urgent', 5, 50, 'bulk').then((n) => (bulkGranted = n));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bulkGranted).toBeNull();
    // The urgent mark lapses (3 s after the last urgent take); remove it now instead of waiting.
    await redis.del(`${taggedKey(config.queuePrefix, 'rate:acct-urgent')}:urgent`);
    await bulk;
    expect(bulkGranted).toBeGreaterThanOrEqual(1);
  });
});
