import type { DeliveryStatus } from '#domain/index.js';

/**
 * What the SMS channel needs from a provider. One folder per provider under providers/ (twilio,
 * sandbox, esms) implements it and registers in sms-providers.ts; nothing else knows a provider.
 * A provider owns its sending, the parsing and signature check of its callbacks, and the
 * classification of its errors (RetryableError / PermanentError / OutcomeUnknownError).
 */
export interface SmsSendRequest {
  /** Our delivery id: lets a provider tie receipts back even when its own id never reached us. */
  deliveryId: string;
  /** E.164, already normalised. */
  to: string;
  /** Exactly the text to send (see smsBody in the domain: NFC or "không dấu"). */
  body: string;
  /** Where the provider posts status reports for this message (…/webhooks/sms/<provider>/status?d=<deliveryId>). */
  statusCallbackUrl?: string;
  /** The sender the broadcast's province registered (brandname gateways); null: the provider's default. */
  sender?: SmsSender | null;
}

/** A province's registered sender on a brandname gateway. */
export interface SmsSender {
  brandname: string;
}

export interface SmsSendResult {
  providerMessageId: string;
  /** How far the message got synchronously: 'sent' once the provider has it (queued there included). */
  status: 'sent' | 'delivered';
}

/** A provider's HTTP callback as our webhook controller received it. */
export interface SmsWebhookRequest {
  /** The public URL the provider called: PUBLIC_BASE_URL plus the path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  /** Form fields or JSON, parsed. */
  body: Record<string, unknown>;
}

/** One delivery report, already mapped to our delivery status (null: a status we ignore). */
export interface SmsStatusReport {
  providerMessageId: string;
  /** Our delivery id when the provider echoes it (the callback URL carries it), else null. */
  deliveryId: string | null;
  /** The provider's own status word or code, kept as received. */
  providerStatus: string;
  status: DeliveryStatus | null;
  errorCode: string | null;
}

/** An SMS a citizen sent to our number or brandname (STOP, HUY, DK ...). */
export interface InboundSms {
  providerMessageId: string | null;
  /** The sender as received. */
  from: string;
  body: string;
}

/** What our webhook answers the provider. */
export interface SmsWebhookReply {
  status: number;
  contentType: string;
  body: string;
}

export interface SmsProvider {
  readonly name: string;
  /** True for the built-in sandbox: nothing leaves the machine, and screens must say so. */
  readonly sandbox: boolean;
  /** Rate-limit bucket shared by every process sending through the same account (e.g. the Twilio account SID). */
  readonly accountKey: string;
  /**
   * Brandname gateways (eSMS): every message goes under its province's registered sender
   * (sms_sender_profile), and a broadcast must meet that route's rules (templates, Unicode) to be scheduled.
   */
  readonly requiresSender?: boolean;
  /** What authenticates its callbacks, named in the webhook's 403 answer (e.g. 'X-Twilio-Signature'). */
  readonly webhookSignature?: string;
  /** Query or body fields of its callbacks that carry a secret (a callback token): never kept with the receipt. */
  readonly webhookSecretFields?: readonly string[];
  /**
   * Hands one message to the provider. Failures are thrown as the domain's delivery errors:
   * RetryableError, PermanentError (with its reason) or OutcomeUnknownError (the request left, no answer came).
   */
  send(request: SmsSendRequest): Promise<SmsSendResult>;
  /** False for a forged or unsigned callback: the webhook answers 403 and reads nothing. */
  verifyWebhook(request: SmsWebhookRequest): boolean;
  /** The delivery reports in a status callback (an InvalidInputError names a missing field). */
  parseStatus(request: SmsWebhookRequest): SmsStatusReport[];
  /** The citizen's SMS in an inbound callback; absent when the provider forwards no inbound SMS. */
  parseInbound?(request: SmsWebhookRequest): InboundSms;
  /** The answer to an inbound callback, carrying our reply SMS when the provider sends replies that way (Twilio's TwiML). */
  inboundReply?(reply: string | null): SmsWebhookReply;
}
