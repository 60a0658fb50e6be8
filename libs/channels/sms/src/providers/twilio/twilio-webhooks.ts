import twilio from 'twilio';
import {
  InvalidInputError,
  normaliseVietnamesePhone,
  parseKeyword,
  type SmsKeyword,
} from '#domain/index.js';

type Params = Record<string, unknown>;

/**
 * X-Twilio-Signature check (HMAC-SHA1 of the full public URL Twilio called plus the sorted POST
 * parameters, keyed by the auth token). `fullUrl` must be the URL as Twilio saw it (public scheme,
 * host and query string), not the one behind a proxy. False for a missing or forged signature.
 */
export function verifyTwilioSignature(
  authToken: string,
  fullUrl: string,
  params: Params,
  signatureHeader: string | string[] | undefined,
): boolean {
  const signature = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  if (!authToken || !signature) return false;
  return twilio.validateRequest(authToken, signature, fullUrl, params);
}

function text(params: Params, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function required(params: Params, name: string): string {
  const value = text(params, name);
  if (value === null) {
    const message = `Thiếu tham số ${name} trong callback của Twilio`;
    throw new InvalidInputError([{ field: name, rule: 'required', message }]);
  }
  return value;
}

export interface TwilioStatusCallback {
  providerMessageId: string;
  /** Twilio's status word: queued, sent, delivered, undelivered, failed... (see mapProviderStatus). */
  status: string;
  /** Twilio error code (e.g. "30003" unreachable handset) for undelivered / failed, else null. */
  errorCode: string | null;
}

export function parseStatusCallback(params: Params): TwilioStatusCallback {
  return {
    providerMessageId: text(params, 'MessageSid') ?? required(params, 'SmsSid'),
    status: (text(params, 'MessageStatus') ?? required(params, 'SmsStatus')).toLowerCase(),
    errorCode: text(params, 'ErrorCode'),
  };
}

export interface TwilioInboundSms {
  providerMessageId: string;
  /** The sender in E.164 when it is a Vietnamese mobile number, else null (keywords from it are ignored). */
  from: string | null;
  rawFrom: string;
  to: string | null;
  body: string;
  keyword: SmsKeyword | null;
}

export function parseInbound(params: Params): TwilioInboundSms {
  const rawFrom = required(params, 'From');
  const phone = normaliseVietnamesePhone(rawFrom);
  const from = phone.ok ? phone.e164 : null;
  const body = text(params, 'Body') ?? '';
  return {
    providerMessageId: text(params, 'MessageSid') ?? required(params, 'SmsSid'),
    from,
    rawFrom,
    to: text(params, 'To'),
    body,
    keyword: from ? parseKeyword(body) : null,
  };
}
