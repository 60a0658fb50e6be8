import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidInputError, type DeliveryStatus } from '#domain/index.js';
import type { SmsStatusReport, SmsWebhookRequest } from '../../sms-provider.js';

/** The query parameter of our CallbackUrl that carries the deployment's callback token. */
const TOKEN_PARAM = 't';

/** The CallbackUrl handed to eSMS: ours (…/webhooks/sms/esms/status?d=<deliveryId>) plus the token. */
export function withCallbackToken(callbackUrl: string, token: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set(TOKEN_PARAM, token);
  return url.toString();
}

/**
 * The callback's parameters. eSMS calls back with GET and its fields in the query (developers.esms.vn,
 * "Callback Url"); body fields are read too in case a POST arrives. Its examples append "?SMSID=…" to
 * the URL as given, so a URL that already had a query may come back as "?d=1&t=…?SMSID=…": a value
 * holding a second "?" is split and the rest read as more parameters.
 */
export function callbackParams(request: SmsWebhookRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.body ?? {})) if (typeof value === 'string' || typeof value === 'number') params[key] = String(value);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (typeof value !== 'string') continue;
    const mark = value.indexOf('?');
    if (mark < 0) {
      params[key] = value;
      continue;
    }
    params[key] = value.slice(0, mark);
    for (const [k, v] of new URLSearchParams(value.slice(mark + 1))) params[k] = v;
  }
  return params;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * eSMS signs nothing: a report is trusted when it carries the deployment's token, which only eSMS
 * (through our CallbackUrl) and this server know. Compared in constant time (equal-length digests);
 * false when missing or wrong. HTTPS keeps the token off the wire; rotate it if a URL ever leaks.
 */
export function verifyEsmsCallback(expectedToken: string, request: SmsWebhookRequest): boolean {
  const given = callbackParams(request)[TOKEN_PARAM];
  if (!expectedToken || !given) return false;
  return timingSafeEqual(digest(given), digest(expectedToken));
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value) throw new InvalidInputError([{ field: name, rule: 'required', message: `Thiếu tham số ${name} trong callback của eSMS` }]);
  return value;
}

const count = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : 0);

/**
 * eSMS's SendStatus for one customer-care message: 1 awaiting approval, 2 waiting to send, 7 sent and
 * awaiting the carrier's report (all three: eSMS has it, for us 'sent'); 4 refused by eSMS ('failed');
 * 5 finished, where SendSuccess / SendFailed say how ('delivered' / 'undelivered'). Anything else: null.
 */
export function esmsDeliveryStatus(params: Record<string, string>): { status: DeliveryStatus | null; errorCode: string | null } {
  switch (params.SendStatus) {
    case '1':
    case '2':
    case '7':
      return { status: 'sent', errorCode: null };
    case '4':
      return { status: 'failed', errorCode: 'esms-rejected' };
    case '5':
      if (count(params.SendSuccess) > 0) return { status: 'delivered', errorCode: null };
      if (count(params.SendFailed) > 0) return { status: 'undelivered', errorCode: 'esms-send-failed' };
      return { status: null, errorCode: null };
    default:
      return { status: null, errorCode: null };
  }
}

/** One delivery report. Our delivery id comes from the `d` of our URL, else from RequestId (we send the delivery id there). */
export function parseEsmsStatus(request: SmsWebhookRequest): SmsStatusReport {
  const params = callbackParams(request);
  const providerMessageId = required(params, 'SMSID');
  const providerStatus = required(params, 'SendStatus');
  const deliveryId = params.d || params.RequestId || null;
  return { providerMessageId, deliveryId, providerStatus, ...esmsDeliveryStatus(params) };
}
