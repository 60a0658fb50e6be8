import twilio from 'twilio';
import { InvalidInputError } from '#domain/index.js';
import type { InboundSms } from '../../sms-provider.js';

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
  /** Twilio's status word: queued, sent, delivered, undelivered, failed... (see twilioDeliveryStatus). */
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

/** A citizen's SMS to our Twilio number; the SMS channel normalises the sender and reads the keyword. */
export function parseInbound(params: Params): InboundSms {
  return {
    providerMessageId: text(params, 'MessageSid') ?? required(params, 'SmsSid'),
    from: required(params, 'From'),
    body: text(params, 'Body') ?? '',
  };
}
