import twilio from 'twilio';
import { isDeliveryError, OutcomeUnknownError, PermanentError } from '#domain/index.js';
import type {
  InboundSms,
  SmsProvider,
  SmsSendRequest,
  SmsSendResult,
  SmsStatusReport,
  SmsWebhookReply,
  SmsWebhookRequest,
} from '../../sms-provider.js';
import { TwilioHttpClient } from './twilio-http.client.js';
import { twilioDeliveryStatus } from './twilio-status.js';
import { parseInbound, parseStatusCallback, verifyTwilioSignature } from './twilio-webhooks.js';

export interface TwilioSmsOptions {
  accountSid: string;
  authToken: string;
  /** Sender: a Twilio number or alphanumeric sender id; exactly one of from / messagingServiceSid. */
  from?: string | null;
  messagingServiceSid?: string | null;
  /** Where the SDK's requests go instead of https://api.twilio.com (tests, demos); no trailing slash. */
  apiBaseUrl?: string | null;
  /** Past this, a request that was sent ends as OutcomeUnknownError. */
  timeoutMs?: number;
  /** Keep-alive sockets to Twilio: the most requests this process has in flight. */
  maxSockets?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * SMS through Twilio's Messages API with the official SDK. The sender is the account's configured
 * number or Messaging Service: a province's brandname (request.sender) does not apply to Twilio.
 */
export class TwilioSmsAdapter implements SmsProvider {
  readonly name = 'twilio';
  readonly sandbox = false;
  readonly webhookSignature = 'X-Twilio-Signature';
  readonly accountKey: string;
  private readonly client: twilio.Twilio;
  private readonly authToken: string;
  private readonly sender: { from: string } | { messagingServiceSid: string };

  constructor(options: TwilioSmsOptions) {
    if (!options.accountSid || !options.authToken) throw new Error('Twilio needs an account SID and an auth token');
    if (Boolean(options.from) === Boolean(options.messagingServiceSid)) {
      throw new Error('Twilio needs exactly one sender: a From number or a Messaging Service SID');
    }
    this.sender = options.messagingServiceSid
      ? { messagingServiceSid: options.messagingServiceSid }
      : { from: options.from as string };
    this.accountKey = `twilio:${options.accountSid}`;
    this.authToken = options.authToken;
    this.client = twilio(options.accountSid, options.authToken, {
      httpClient: new TwilioHttpClient({
        apiBaseUrl: options.apiBaseUrl,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxSockets: options.maxSockets,
      }),
    });
  }

  async send(request: SmsSendRequest): Promise<SmsSendResult> {
    if (!request.to || !request.body) {
      throw new PermanentError('missing-field', 'An SMS needs a recipient and a body', 'bad-request');
    }
    try {
      const message = await this.client.messages.create({
        ...this.sender,
        to: request.to,
        body: request.body,
        ...(request.statusCallbackUrl ? { statusCallback: request.statusCallbackUrl } : {}),
      });
      // Read as a status callback would be: anything but sent / delivered at creation means Twilio refused it.
      const status = twilioDeliveryStatus(message.status);
      if (status !== 'sent' && status !== 'delivered') {
        const code = message.errorCode ? String(message.errorCode) : `status-${message.status}`;
        throw new PermanentError(code, message.errorMessage ?? `Twilio answered ${message.status}`, 'rejected');
      }
      return { providerMessageId: message.sid, status };
    } catch (error) {
      if (isDeliveryError(error)) throw error;
      // The SDK could not read an answer it received: Twilio may well have the message.
      throw new OutcomeUnknownError('unreadable-response', error instanceof Error ? error.message : String(error));
    }
  }

  /** X-Twilio-Signature over the public URL Twilio called (query string included) and the form fields. */
  verifyWebhook(request: SmsWebhookRequest): boolean {
    return verifyTwilioSignature(this.authToken, request.url, request.body, request.headers['x-twilio-signature']);
  }

  /** One report per callback; our delivery id is the `d` of the callback URL written at sending. */
  parseStatus(request: SmsWebhookRequest): SmsStatusReport[] {
    const callback = parseStatusCallback(request.body);
    return [
      {
        providerMessageId: callback.providerMessageId,
        deliveryId: request.query.d ?? null,
        providerStatus: callback.status,
        status: twilioDeliveryStatus(callback.status),
        errorCode: callback.errorCode,
      },
    ];
  }

  parseInbound(request: SmsWebhookRequest): InboundSms {
    return parseInbound(request.body);
  }

  /** TwiML: Twilio sends the <Message> back to the citizen; no reply, an empty <Response/>. */
  inboundReply(reply: string | null): SmsWebhookReply {
    const twiml = new twilio.twiml.MessagingResponse();
    if (reply !== null) twiml.message(reply);
    return { status: 200, contentType: 'text/xml; charset=utf-8', body: twiml.toString() };
  }
}
