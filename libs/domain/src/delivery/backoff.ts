export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base·2^(attempt−1))).
 * Spreading retries over the whole interval keeps thousands of deliveries that failed together
 * from retrying together. `attempt` counts from 1 (the first retry).
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  // 2^52 overflows nothing and already exceeds any sensible cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 52));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the backoff, but never less than the provider's Retry-After. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions): number {
  const delay = backoffDelay(attempt, options);
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}
