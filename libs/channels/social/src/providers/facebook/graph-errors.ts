import { PermanentError, RetryableError, type DeliveryError } from '#domain/index.js';

/** Graph API error codes (error.code); see the Graph API "Handling errors" reference. */
const TOKEN = new Set([102, 190]);
const PERMISSION = new Set([10, 200, 210, 230]);
const THROTTLED = new Set([4, 17, 32, 613, 80001]);
const TRANSIENT = new Set([1, 2]);

/** Maps a Graph error answer to the engine's classes, keeping the code (and subcode) as the provider code. */
export function graphError(status: number, body: Record<string, unknown>): DeliveryError {
  const error = (body.error ?? {}) as { code?: number; error_subcode?: number; message?: string };
  const code = Number(error.code ?? 0);
  const providerCode = code ? (error.error_subcode ? `${code}/${error.error_subcode}` : String(code)) : `http-${status}`;
  const text = error.message ?? `HTTP ${status}`;
  if (TOKEN.has(code) || PERMISSION.has(code) || (code >= 200 && code < 300)) {
    return new PermanentError(providerCode, text, 'reconnect-needed');
  }
  // Throttling windows are an hour at most; come back after a minute and let the backoff grow.
  if (THROTTLED.has(code) || status === 429) return new RetryableError(providerCode, text, 60_000);
  if (TRANSIENT.has(code) || status >= 500) return new RetryableError(providerCode, text);
  if (code === 368 || code === 506) return new PermanentError(providerCode, text, 'rejected');
  return new PermanentError(providerCode, text, 'bad-request');
}
