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
    // 50/s: a burst of 10, one token every 20 ms. What Redis answered is recorded, so the test reads the
    // limiter's decisions instead of timing them (a busy machine stretches time, not decisions).
    const answers: [number, number][] = [];
    const recording = Object.create(redis) as RedisClient;
    recording.eval = (async (...args: Parameters<RedisClient['eval']>) => {
      const answer = (await redis.eval(...args)) as [number, number];
      answers.push(answer);
      return answer;
    }) as RedisClient['eval'];
    const recorded = new RateLimiter(recording, config);

    // A fresh bucket holds the whole burst: one call to Redis grants all of it, with no wait.
    expect(await recorded.acquireUpTo('acct-upto', 100, 50, 'bulk')).toBe(10);
    expect(answers).toEqual([[10, 0]]);

    // The bucket is empty now: the next caller is told to wait at most one token's time (20 ms), never a chunk's.
    answers.length = 0;
    const next = await recorded.acquireUpTo('acct-upto', 100, 50, 'bulk');
    expect(next).toBeGreaterThanOrEqual(1);
    expect(next).toBeLessThanOrEqual(10);
    const refusals = answers.slice(0, -1);
    for (const [granted, waitMs] of refusals) {
      expect(granted).toBe(0);
      expect(waitMs).toBeLessThanOrEqual(20);
    }
    expect(answers.at(-1)).toEqual([next, 0]);
  });

  it('acquireUpTo never grants more than asked', async () => {
    expect(await limiter.acquireUpTo('acct-max', 3, 50, 'bulk')).toBe(3);
    expect(await limiter.acquireUpTo('acct-max', 0, 50, 'bulk')).toBe(0);
  });

  it('acquire still waits for the whole count', async () => {
    // 30 tokens at 50/s with a bucket of at most 10: at least 20 must be refilled, 400 ms, however the
    // machine is loaded (a lower bound only grows with load).
    const whole = await timed(() => limiter.acquire('acct-whole', 30, 50, 'bulk'));
    expect(whole.ms).toBeGreaterThanOrEqual(380);
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
