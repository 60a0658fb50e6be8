import { PermanentError, RetryableError, type DeliveryError } from '#domain/index.js';

/** Codes the OA Open API and the OAuth server answer with (`error` field, negative numbers). */
const RECONNECT = new Set([-216, -124, -14014, -14019, -118, -155]);
const RATE_LIMITED = new Set([-32, -240]);
const BAD_REQUEST = new Set([-201, -202, -204, -205, -210, -211, -212]);
const REJECTED = new Set([-213, -214, -223, -224, -230]);

/** Maps a Zalo answer that is not a success to the engine's classes, keeping the code. */
export function zaloError(status: number, body: Record<string, unknown>): DeliveryError {
  const code = Number(body.error ?? 0);
  const text = String(body.message ?? body.error_description ?? body.error_reason ?? body.error_name ?? `HTTP ${status}`);
  const providerCode = code ? String(code) : `http-${status}`;
  if (RECONNECT.has(code) || status === 401) return new PermanentError(providerCode, text, 'reconnect-needed');
  if (RATE_LIMITED.has(code) || status === 429) return new RetryableError(providerCode, text, 60_000);
  if (BAD_REQUEST.has(code)) return new PermanentError(providerCode, text, 'bad-request');
  if (REJECTED.has(code)) return new PermanentError(providerCode, text, 'rejected');
  if (status >= 500 || code === -1 || code === -500) return new RetryableError(providerCode, text);
  if (status >= 400) return new PermanentError(providerCode, text, 'bad-request');
  return new RetryableError(providerCode, text);
}
