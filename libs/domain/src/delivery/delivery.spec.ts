import { backoffDelay, retryDelay } from './backoff.js';
import {
  DeliveryError,
  isDeliveryError,
  OutcomeUnknownError,
  PermanentError,
  RetryableError,
} from './delivery-errors.js';
import {
  CANCELLABLE_DELIVERY_STATUSES,
  canTransitionDelivery,
  DELIVERY_STATUSES,
  FINAL_DELIVERY_STATUSES,
  isFinalDeliveryStatus,
} from './delivery-status.js';

describe('delivery errors', () => {
  it('carry their kind, provider code and details', () => {
    const retry = new RetryableError('20429', 'Too Many Requests', 2_000);
    const permanent = new PermanentError('21610', 'unsubscribed', 'opted-out');
    const unknown = new OutcomeUnknownError('ECONNABORTED', 'timeout after sending');
    expect([retry.kind, permanent.kind, unknown.kind]).toEqual(['retryable', 'permanent', 'outcome-unknown']);
    expect(retry).toMatchObject({ providerCode: '20429', retryAfterMs: 2_000, name: 'RetryableError' });
    expect(permanent).toMatchObject({ providerCode: '21610', reason: 'opted-out', name: 'PermanentError' });
    expect(unknown.name).toBe('OutcomeUnknownError');
    for (const e of [retry, permanent, unknown]) {
      expect(e).toBeInstanceOf(DeliveryError);
      expect(e).toBeInstanceOf(Error);
      expect(isDeliveryError(e)).toBe(true);
    }
    expect(isDeliveryError(new Error('x'))).toBe(false);
  });
});

describe('backoffDelay', () => {
  const opts = (random: number) => ({ baseMs: 1_000, capMs: 60_000, random: () => random });

  it('grows exponentially under full jitter', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts(0.999_999)))).toEqual([999, 1_999, 3_999, 7_999, 15_999]);
    expect(backoffDelay(3, opts(0.5))).toBe(2_000);
    expect(backoffDelay(3, opts(0))).toBe(0);
  });

  it('is capped, even for huge attempt numbers', () => {
    expect(backoffDelay(7, opts(0.999_999))).toBe(59_999);
    expect(backoffDelay(10_000, opts(0.5))).toBe(30_000);
  });

  it('spreads delays with the real random source', () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, { baseMs: 1_000, capMs: 60_000 }));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(8_000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => backoffDelay(0, opts(0.5))).toThrow(RangeError);
    expect(() => backoffDelay(1.5, opts(0.5))).toThrow(RangeError);
  });

  it('honours a longer Retry-After', () => {
    expect(retryDelay(1, 30_000, opts(0.5))).toBe(30_000);
    expect(retryDelay(5, 100, opts(0.5))).toBe(8_000);
    expect(retryDelay(2, undefined, opts(0.5))).toBe(1_000);
  });
});

describe('delivery state machine', () => {
  it('has final states with no way out', () => {
    expect([...FINAL_DELIVERY_STATUSES].sort()).toEqual(['cancelled', 'delivered', 'failed', 'skipped', 'undelivered']);
    for (const final of FINAL_DELIVERY_STATUSES) {
      expect(isFinalDeliveryStatus(final)).toBe(true);
      for (const to of DELIVERY_STATUSES) expect(canTransitionDelivery(final, to)).toBe(false);
    }
  });

  it('follows the send path and retries back to planned', () => {
    const path = ['planned', 'sending', 'sent', 'delivered'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransitionDelivery(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransitionDelivery('sending', 'planned')).toBe(true);
    expect(canTransitionDelivery('unknown', 'planned')).toBe(true);
    expect(canTransitionDelivery('sending', 'unknown')).toBe(true);
    expect(canTransitionDelivery('unknown', 'sent')).toBe(true);
  });

  it('cancels only what has not reached a provider', () => {
    expect(CANCELLABLE_DELIVERY_STATUSES).toEqual(['planned']);
    expect(canTransitionDelivery('planned', 'cancelled')).toBe(true);
    for (const s of ['sending', 'sent', 'unknown'] as const) expect(canTransitionDelivery(s, 'cancelled')).toBe(false);
  });

  it('never goes backwards', () => {
    expect(canTransitionDelivery('sent', 'sending')).toBe(false);
    expect(canTransitionDelivery('sent', 'planned')).toBe(false);
    expect(canTransitionDelivery('delivered', 'planned')).toBe(false);
  });
});
