import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { smsSegments } from '#domain/sms/segments.js';

/** What the fake answers to one Messages.json request. */
export type FakeBehaviour =
  | { kind: 'ok'; status?: 'queued' | 'accepted' | 'sent' | 'delivered' | 'failed' }
  | { kind: 'error'; httpStatus: number; code: number; message?: string; retryAfter?: string }
  /** Accepts the message on arrival, then answers after `ms` (ok), or never when `ms` is absent. */
  | { kind: 'hang'; ms?: number }
  /** Accepts the message, then resets the connection without answering. */
  | { kind: 'drop' };

export const behaviours = {
  ok: (): FakeBehaviour => ({ kind: 'ok' }),
  rateLimited: (retryAfterSeconds?: number): FakeBehaviour => ({
    kind: 'error',
    httpStatus: 429,
    code: 20429,
    ...(retryAfterSeconds !== undefined ? { retryAfter: String(retryAfterSeconds) } : {}),
  }),
  serverError: (): FakeBehaviour => ({ kind: 'error', httpStatus: 500, code: 20500 }),
  optedOut: (): FakeBehaviour => ({ kind: 'error', httpStatus: 400, code: 21610 }),
  invalidNumber: (): FakeBehaviour => ({ kind: 'error', httpStatus: 400, code: 21211 }),
  notMobile: (): FakeBehaviour => ({ kind: 'error', httpStatus: 400, code: 21614 }),
  hang: (ms?: number): FakeBehaviour => (ms === undefined ? { kind: 'hang' } : { kind: 'hang', ms }),
  drop: (): FakeBehaviour => ({ kind: 'drop' }),
};

/** Twilio's wording for the codes the fake produces (https://www.twilio.com/docs/api/errors). */
const ERROR_MESSAGES: Record<number, (to: string) => string> = {
  20003: () => 'Authenticate',
  20404: () => 'The requested resource was not found',
  20429: () => 'Too Many Requests',
  20500: () => 'Internal Server Error',
  21211: (to) => `Invalid 'To' Phone Number: ${to}`,
  21602: () => 'Message body is required.',
  21603: () => "A 'From' phone number is required.",
  21604: () => "A 'To' phone number is required.",
  21610: () => 'Attempt to send to unsubscribed recipient',
  21614: (to) => `'To' number ${to} is not a valid mobile number`,
};

export function errorJson(httpStatus: number, code: number, to = '', message?: string): string {
  return JSON.stringify({
    code,
    message: message ?? ERROR_MESSAGES[code]?.(to) ?? `Error ${code}`,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status: httpStatus,
  });
}

export interface AcceptedMessage {
  sid: string;
  accountSid: string;
  to: string;
  body: string;
  from: string | null;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  status: string;
  createdAt: Date;
}

/** Twilio's dates: RFC 2822 with a numeric zone ("Thu, 24 Aug 2023 05:01:45 +0000"). */
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

export function messageJson(m: AcceptedMessage): string {
  const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}`;
  const created = rfc2822(m.createdAt);
  return JSON.stringify({
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: created,
    date_sent: null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(Math.max(1, smsSegments(m.body).parts)),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: m.to,
    uri: `${uri}.json`,
  });
}

/** The error code Twilio gives a malformed create request, or null. */
export function requestProblem(form: URLSearchParams): number | null {
  const to = form.get('To');
  if (!to) return 21604;
  if (!form.get('Body')) return 21602;
  if (!form.get('From') && !form.get('MessagingServiceSid')) return 21603;
  if (!/^\+[1-9]\d{6,14}$/.test(to)) return 21211;
  return null;
}

export type WebhookAnswer = { status: number; body: string };

export interface StatusCallbackFields {
  sid: string;
  status: string;
  errorCode?: string;
  to?: string;
  from?: string;
}

/** The parameters of Twilio's message status callback. */
export function statusCallbackParams(accountSid: string, callback: StatusCallbackFields): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: callback.sid,
    SmsSid: callback.sid,
    MessageStatus: callback.status,
    SmsStatus: callback.status,
    ...(callback.to ? { To: callback.to } : {}),
    ...(callback.from ? { From: callback.from } : {}),
    ...(callback.errorCode ? { ErrorCode: callback.errorCode } : {}),
  };
}

export interface InboundFields {
  from: string;
  body: string;
  to?: string;
}

/** The parameters of Twilio's incoming-message webhook. */
export function inboundParams(accountSid: string, sms: InboundFields): Record<string, string> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    From: sms.from,
    To: sms.to ?? '+15005550006',
    Body: sms.body,
    NumMedia: '0',
    NumSegments: '1',
  };
}

/** POSTs form parameters with a valid X-Twilio-Signature, as Twilio does for webhooks. */
export async function postSignedWebhook(
  url: string,
  params: Record<string, string>,
  authToken: string,
): Promise<WebhookAnswer> {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
}
