import { OutcomeUnknownError, PermanentError, RetryableError } from '#domain/index.js';
import { failureOutcome, type RetryPolicy } from './delivery-failure.js';

describe('failureOutcome', () => {
  const startedAt = new Date('2025-03-10T01:00:00Z');
  const retry: RetryPolicy = { maxAttempts: 3, backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0.5 } };
  const dueAt = '2025-03-10 00:30:00.123456+00';
  const delivery = (attempts: number) => ({ id: 'd-1', attempts, dueAt });

  it('leaves a request that may have left unknown, with the provider code when the adapter gave one', () => {
    expect(failureOutcome(delivery(1), new OutcomeUnknownError('ECONNRESET', 'socket hang up'), startedAt, retry)).toEqual({
      id: 'd-1',
      dueAt,
      startedAt,
      status: 'unknown',
      attemptOutcome: 'unknown',
      providerCode: 'ECONNRESET',
      error: 'socket hang up',
    });
    expect(failureOutcome(delivery(1), new TypeError('x is undefined'), startedAt, retry)).toEqual({
      id: 'd-1',
      dueAt,
      startedAt,
      status: 'unknown',
      attemptOutcome: 'unknown',
      providerCode: null,
      error: 'x is undefined',
    });
    expect(failureOutcome(delivery(1), 'a thrown string', startedAt, retry)).toMatchObject({ status: 'unknown', error: 'a thrown string' });
  });

  it('fails a permanent error at once, with its reason as a value and the provider message as it came', () => {
    expect(failureOutcome(delivery(1), new PermanentError('21211', 'not a valid phone number', 'invalid-endpoint'), startedAt, retry)).toEqual({
      id: 'd-1',
      dueAt,
      startedAt,
      status: 'failed',
      attemptOutcome: 'permanent',
      failureKind: 'permanent',
      failureReason: 'invalid-endpoint',
      providerCode: '21211',
      error: 'not a valid phone number',
    });
  });

  it('plans a retryable error again after the backoff, never sooner than Retry-After', () => {
    const before = Date.now();
    const backoff = failureOutcome(delivery(2), new RetryableError('http-503', 'unavailable'), startedAt, retry);
    expect(backoff).toMatchObject({ id: 'd-1', status: 'planned', attemptOutcome: 'retryable', providerCode: 'http-503', error: 'unavailable' });
    // attempt 2: half of min(60 s, 1 s · 2).
    expect(backoff.notBefore!.getTime() - before).toBeGreaterThanOrEqual(1_000);
    expect(backoff.notBefore!.getTime() - Date.now()).toBeLessThanOrEqual(1_000);

    const throttled = failureOutcome(delivery(1), new RetryableError('20429', 'Too Many Requests', 30_000), startedAt, retry);
    expect(throttled.notBefore!.getTime() - before).toBeGreaterThanOrEqual(30_000);
    expect(throttled.notBefore!.getTime() - Date.now()).toBeLessThanOrEqual(30_000);
  });

  it('fails a retryable error for good on the last attempt', () => {
    expect(failureOutcome(delivery(3), new RetryableError('20429', 'Too Many Requests', 30_000), startedAt, retry)).toEqual({
      id: 'd-1',
      dueAt,
      startedAt,
      status: 'failed',
      attemptOutcome: 'retryable',
      failureKind: 'exhausted',
      providerCode: '20429',
      error: 'Too Many Requests',
    });
  });

  it('keeps at most 500 characters of the message', () => {
    expect(failureOutcome(delivery(1), new Error('x'.repeat(600)), startedAt, retry).error).toHaveLength(500);
  });
});
