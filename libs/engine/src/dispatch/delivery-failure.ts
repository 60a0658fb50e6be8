import type { AppConfig } from '#config/index.js';
import {
  isDeliveryError,
  OutcomeUnknownError,
  PermanentError,
  RetryableError,
  retryDelay,
  type BackoffOptions,
} from '#domain/index.js';
import type { ClaimedDelivery, DeliveryOutcome } from '#persistence/index.js';

export interface RetryPolicy {
  /** Attempts before a retryable failure becomes final ('exhausted'). */
  maxAttempts: number;
  backoff: BackoffOptions;
}

/**
 * The backoff of every channel's retries (SMS_BACKOFF_BASE_MS … SMS_BACKOFF_CAP_MS). Social posts
 * share it: a throttled platform names its own wait (Retry-After, 60 s for Zalo and Graph rate
 * limits), so the backoff only spaces out 5xx and refused connections, alike for every provider.
 */
export function retryBackoff(config: AppConfig): BackoffOptions {
  return { baseMs: config.sms.backoffBaseMs, capMs: config.sms.backoffCapMs };
}

/**
 * What a failed hand-over (a claimed delivery's attempt) means for the delivery, from the adapter's
 * classification: `unknown` when the request may have left (also any error the adapter did not
 * classify, so nothing is ever resent blindly), `failed` for a permanent error or the last attempt,
 * else `planned` again after the backoff, never sooner than the provider's Retry-After. A permanent
 * error's reason is its own field; the message stays the provider's, for support.
 */
export function failureOutcome(
  delivery: Pick<ClaimedDelivery, 'id' | 'attempts' | 'dueAt'>,
  error: unknown,
  startedAt: Date,
  retry: RetryPolicy,
): DeliveryOutcome {
  const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
  const base = { id: delivery.id, dueAt: delivery.dueAt, startedAt, error: message };
  if (!isDeliveryError(error)) return { ...base, status: 'unknown', attemptOutcome: 'unknown', providerCode: null };
  if (error instanceof OutcomeUnknownError) {
    return { ...base, status: 'unknown', attemptOutcome: 'unknown', providerCode: error.providerCode };
  }
  if (error instanceof PermanentError) {
    return {
      ...base,
      status: 'failed',
      attemptOutcome: 'permanent',
      providerCode: error.providerCode,
      failureKind: 'permanent',
      failureReason: error.reason,
    };
  }
  if (delivery.attempts >= retry.maxAttempts) {
    return { ...base, status: 'failed', attemptOutcome: 'retryable', providerCode: error.providerCode, failureKind: 'exhausted' };
  }
  const delay = retryDelay(delivery.attempts, error instanceof RetryableError ? error.retryAfterMs : undefined, retry.backoff);
  return {
    ...base,
    status: 'planned',
    attemptOutcome: 'retryable',
    providerCode: error.providerCode,
    notBefore: new Date(Date.now() + delay),
  };
}
