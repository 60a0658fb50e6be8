import { createHash } from 'node:crypto';
import { needsUnicode, OutcomeUnknownError, PermanentError } from '#domain/index.js';
import type { SmsProvider, SmsSendRequest, SmsSendResult, SmsStatusReport, SmsWebhookRequest } from '../../sms-provider.js';
import type { EsmsConfig } from './esms.config.js';
import { classifyEsmsAnswer, classifyHttpStatus, ESMS_ACCEPTED, type EsmsAnswer } from './esms-errors.js';
import { EsmsHttpClient } from './esms-http.client.js';
import { parseEsmsStatus, verifyEsmsCallback, withCallbackToken } from './esms-webhooks.js';

/** Customer-care (and fixed-number) SMS, one request per message (developers.esms.vn, "Tin nhắn SMS OTP/CSKH"). */
export const ESMS_SEND_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';

/** The national form eSMS's examples use ("0901888484"); null for a number outside Vietnam, which eSMS does not carry. */
export function esmsPhone(e164: string): string | null {
  return /^\+84\d{9,10}$/.test(e164) ? `0${e164.slice(3)}` : null;
}

/** SMS through eSMS.vn's brandname gateway, under the brandname of the broadcast's province. */
export class EsmsSmsAdapter implements SmsProvider {
  readonly name = 'esms';
  readonly sandbox: boolean;
  /** Customer care (SmsType 2) goes under the province's brandname, within its registered templates. */
  readonly requiresSender: boolean;
  /** The rate-limit bucket of this eSMS account; a digest, so the API key never lands in Redis keys. */
  readonly accountKey: string;
  readonly webhookSignature = 'ESMS_CALLBACK_SECRET (t=)';
  /** The callback secret never lands in a stored receipt. */
  readonly webhookSecretFields = ['t'];
  private readonly http: EsmsHttpClient;

  constructor(
    private readonly config: EsmsConfig,
    options: { maxSockets?: number } = {},
  ) {
    this.sandbox = config.sandbox;
    this.requiresSender = config.smsType === '2';
    this.accountKey = `esms:${createHash('sha256').update(config.apiKey).digest('hex').slice(0, 16)}`;
    this.http = new EsmsHttpClient(config.timeoutMs, options.maxSockets);
  }

  async send(request: SmsSendRequest): Promise<SmsSendResult> {
    if (!request.to || !request.body) throw new PermanentError('missing-field', 'An SMS needs a recipient and a body', 'bad-request');
    const phone = esmsPhone(request.to);
    if (!phone) throw new PermanentError('not-vietnamese', `eSMS carries Vietnamese numbers only, not ${request.to}`, 'invalid-endpoint');
    const brandname = request.sender?.brandname ?? null;
    if (this.config.smsType === '2' && !brandname) {
      // Validation refuses such broadcasts; this catches a profile removed after scheduling.
      throw new PermanentError('no-brandname', "The broadcast's province has no eSMS brandname", 'rejected');
    }
    const answer = await this.http.postJson(`${this.config.apiBaseUrl}${ESMS_SEND_PATH}`, {
      ApiKey: this.config.apiKey,
      SecretKey: this.config.secretKey,
      Phone: phone,
      Content: request.body,
      ...(this.config.smsType === '2' ? { Brandname: brandname } : {}),
      SmsType: this.config.smsType,
      IsUnicode: needsUnicode(request.body) ? '1' : '0',
      Sandbox: this.config.sandbox ? '1' : '0',
      // eSMS refuses a RequestId it saw today (124): a resend after a lost answer cannot make a second SMS.
      RequestId: request.deliveryId,
      ...(request.statusCallbackUrl ? { CallbackUrl: withCallbackToken(request.statusCallbackUrl, this.config.callbackToken) } : {}),
    });
    if (answer.status < 200 || answer.status >= 300) throw classifyHttpStatus(answer.status, answer.headers['retry-after']);
    const parsed = readAnswer(answer.body);
    if (String(parsed.CodeResult) === ESMS_ACCEPTED && typeof parsed.SMSID === 'string' && parsed.SMSID !== '') {
      return { providerMessageId: parsed.SMSID, status: 'sent' };
    }
    throw classifyEsmsAnswer(parsed);
  }

  verifyWebhook(request: SmsWebhookRequest): boolean {
    return verifyEsmsCallback(this.config.callbackToken, request);
  }

  parseStatus(request: SmsWebhookRequest): SmsStatusReport[] {
    return [parseEsmsStatus(request)];
  }
}

function readAnswer(body: string): EsmsAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // A 2xx we cannot read came after eSMS got the request: it may have taken the message.
    throw new OutcomeUnknownError('unreadable-response', `eSMS answered something other than JSON: ${body.slice(0, 120)}`);
  }
  if (parsed === null || typeof parsed !== 'object') throw new OutcomeUnknownError('unreadable-response', 'eSMS answered a JSON value that is not an object');
  return parsed as EsmsAnswer;
}
