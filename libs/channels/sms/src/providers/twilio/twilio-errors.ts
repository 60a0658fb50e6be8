import {
  OutcomeUnknownError,
  PermanentError,
  RetryableError,
  type DeliveryError,
  type PermanentReason,
} from '#domain/index.js';

/** Twilio REST error codes with a meaning the engine acts on; other 4xx are bad requests. */
const PERMANENT_CODES: Readonly<Record<number, PermanentReason>> = {
  21610: 'opted-out', // Attempt to send to unsubscribed recipient (the citizen texted STOP)
  21211: 'invalid-endpoint', // Invalid 'To' phone number
  21614: 'invalid-endpoint', // 'To' number is not a valid mobile number
  21408: 'rejected', // Permission to send an SMS has not been enabled for the region
  20003: 'unauthorized', // Authentication failed
};

const RETRYABLE_CODES = new Set([20429]);

interface TwilioErrorBody {
  code?: number;
  message?: string;
}

function errorBody(body: unknown): TwilioErrorBody {
  if (typeof body === 'string') {
    try {
      return errorBody(JSON.parse(body));
    } catch {
      return {};
    }
  }
  return body !== null && typeof body === 'object' ? (body as TwilioErrorBody) : {};
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A non-2xx answer from the Twilio REST API, classified. */
export function classifyTwilioResponse(
  status: number,
  body: unknown,
  headers: Record<string, unknown> = {},
): DeliveryError {
  const { code, message } = errorBody(body);
  const providerCode = code !== undefined ? String(code) : `http-${status}`;
  const text = message ?? `HTTP ${status}`;
  if (status === 429 || (code !== undefined && RETRYABLE_CODES.has(code)) || status >= 500) {
    return new RetryableError(providerCode, text, parseRetryAfter(headers['retry-after']));
  }
  const reason = code !== undefined ? PERMANENT_CODES[code] : undefined;
  if (reason) return new PermanentError(providerCode, text, reason);
  if (status === 401 || status === 403) return new PermanentError(providerCode, text, 'unauthorized');
  return new PermanentError(providerCode, text, 'bad-request');
}

interface TransportFailure {
  code?: string;
  message?: string;
  /** Node's ClientRequest as axios attaches it. */
  request?: { writableFinished?: boolean };
}

/**
 * A request that got no HTTP answer. If the request was never fully written (refused, DNS,
 * connect timeout) Twilio cannot have the message: retry. If it was written, Twilio may have
 * accepted it and only the answer was lost: the outcome is unknown and must not be resent blindly.
 */
export function classifyTransportError(error: unknown): DeliveryError {
  const failure = (error ?? {}) as TransportFailure;
  const providerCode = failure.code ?? 'transport';
  const message = failure.message ?? String(error);
  if (failure.request && failure.request.writableFinished !== true) {
    return new RetryableError(providerCode, `request not sent: ${message}`);
  }
  return new OutcomeUnknownError(providerCode, `no answer after the request was sent: ${message}`);
}
