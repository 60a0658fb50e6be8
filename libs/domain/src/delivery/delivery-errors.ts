/**
 * How a channel adapter reports a failed hand-over, so the engine knows what to do next:
 *  - RetryableError: nothing reached the provider, or it asked us to come back (429, 5xx); retry with backoff.
 *  - PermanentError: retrying cannot help (invalid number, opted out, bad request); record the code and stop.
 *  - OutcomeUnknownError: the request left and no answer came; the message may exist. Never retried
 *    blindly: the delivery is marked `unknown` and verified first.
 * `providerCode` is the provider's error code when it gave one (Twilio "21610"), else a transport
 * code ("ECONNREFUSED") or "http-<status>".
 */
export type DeliveryErrorKind = 'retryable' | 'permanent' | 'outcome-unknown';

export abstract class DeliveryError extends Error {
  abstract readonly kind: DeliveryErrorKind;
  constructor(
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class RetryableError extends DeliveryError {
  readonly kind = 'retryable' as const;
  constructor(
    providerCode: string,
    message: string,
    /** What the provider asked for (Retry-After); the engine waits at least this long. */
    readonly retryAfterMs?: number,
  ) {
    super(providerCode, message);
  }
}

export const PERMANENT_REASONS = [
  'invalid-endpoint',
  'opted-out',
  'bad-request',
  'unauthorized',
  'reconnect-needed',
  'rejected',
] as const;
export type PermanentReason = (typeof PERMANENT_REASONS)[number];

export class PermanentError extends DeliveryError {
  readonly kind = 'permanent' as const;
  constructor(
    providerCode: string,
    message: string,
    readonly reason: PermanentReason,
  ) {
    super(providerCode, message);
  }
}

export class OutcomeUnknownError extends DeliveryError {
  readonly kind = 'outcome-unknown' as const;
}

export function isDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryError;
}
