import twilio from 'twilio';
import { isDeliveryError, OutcomeUnknownError, PermanentError, twilioDeliveryStatus } from '#domain/index.js';
import type { SmsProvider, SmsSendRequest, SmsSendResult } from '../../sms-provider.js';
import { TwilioHttpClient } from './twilio-http.client.js';

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

/** SMS through Twilio's Messages API with the official SDK. */
export class TwilioSmsAdapter implements SmsProvider {
  readonly name = 'twilio';
  readonly sandbox = false;
  readonly accountKey: string;
  private readonly client: twilio.Twilio;
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
}
