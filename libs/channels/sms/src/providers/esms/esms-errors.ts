import {
  OutcomeUnknownError,
  PermanentError,
  RetryableError,
  type DeliveryError,
  type PermanentReason,
} from '#domain/index.js';

/** eSMS answers "100" with an SMSID when it took the message. */
export const ESMS_ACCEPTED = '100';
/** The RequestId (our delivery id) was already used today: eSMS holds this message from an earlier attempt. */
export const ESMS_DUPLICATE_REQUEST = '124';

/**
 * CodeResult values of eSMS's error table (developers.esms.vn, "Bảng mã lỗi") that retrying cannot
 * change. Decisions where the table is terse:
 *  - 99 "number blocked on the system" is the gateway's or carrier's block list, not the citizen's
 *    own STOP, so it is 'rejected' rather than 'opted-out' (which would withdraw their consent here).
 *  - 102 (no price list), 104 (brandname missing), 146 (wrong customer-care template) and 177 (brandname
 *    not registered with that carrier) are the province's registration: 'rejected', an admin must act.
 */
const PERMANENT_CODES: Readonly<Record<string, PermanentReason>> = {
  '99': 'rejected',
  '101': 'unauthorized', // wrong ApiKey / SecretKey
  '102': 'rejected',
  '104': 'rejected',
  '108': 'invalid-endpoint', // phone number format
  '140': 'unauthorized', // our IP is not whitelisted with eSMS
  '146': 'rejected',
  '177': 'rejected',
};

/**
 * 103 (balance too low) is retried: topping up the account fixes it with nothing to change here, and
 * the engine's attempt limit still ends it. eSMS documents no throttling code; HTTP 429 and 5xx are
 * its gateway's busy answers and are retried with Retry-After when given.
 */
const RETRYABLE_CODES = new Set(['103']);

export interface EsmsAnswer {
  CodeResult?: unknown;
  SMSID?: unknown;
  ErrorMessage?: unknown;
  error?: unknown;
}

/** A 2xx answer whose CodeResult is not 100 (or is missing), classified. */
export function classifyEsmsAnswer(answer: EsmsAnswer): DeliveryError {
  const code = answer.CodeResult === undefined || answer.CodeResult === null ? null : String(answer.CodeResult);
  const given = [answer.ErrorMessage, answer.error].find((m): m is string => typeof m === 'string' && m !== '');
  const text = given ?? `eSMS answered ${code ?? 'without a CodeResult'}`;
  if (code === null) return new PermanentError('invalid-request', text, 'bad-request');
  // Accepted, but without the id that ties its report to it: eSMS has the message; the report (with our `d`) settles it.
  if (code === ESMS_ACCEPTED) return new OutcomeUnknownError('no-smsid', 'eSMS accepted the message without an SMSID');
  if (code === ESMS_DUPLICATE_REQUEST) {
    // Only our own earlier attempt can have used this RequestId: the message exists, its SMSID comes with the report.
    return new OutcomeUnknownError(code, `eSMS already holds this delivery from an earlier attempt: ${text}`);
  }
  if (RETRYABLE_CODES.has(code)) return new RetryableError(code, text);
  return new PermanentError(code, text, PERMANENT_CODES[code] ?? 'bad-request');
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A non-2xx answer from eSMS's gateway. */
export function classifyHttpStatus(status: number, retryAfter?: string | string[]): DeliveryError {
  const code = `http-${status}`;
  if (status === 429 || status >= 500) return new RetryableError(code, `eSMS answered HTTP ${status}`, parseRetryAfter(retryAfter));
  if (status === 401 || status === 403) return new PermanentError(code, `eSMS answered HTTP ${status}`, 'unauthorized');
  return new PermanentError(code, `eSMS answered HTTP ${status}`, 'bad-request');
}

/**
 * No HTTP answer. Before the request was fully written (refused, DNS, connect timeout) eSMS cannot
 * have the message: retry. After, it may have taken it and only the answer was lost: unknown, never
 * resent blindly (the delivery report, which names our delivery id, settles it).
 */
export function classifyTransportError(code: string, message: string, requestWritten: boolean): DeliveryError {
  if (!requestWritten) return new RetryableError(code, `request not sent: ${message}`);
  return new OutcomeUnknownError(code, `no answer after the request was sent: ${message}`);
}
