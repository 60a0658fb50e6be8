/**
 * What the dispatch engine needs from an SMS provider. One folder per provider (twilio/, sandbox/,
 * later a Vietnamese brandname gateway) implements it; the engine knows nothing else about them.
 */
export interface SmsSendRequest {
  /** Our delivery id: lets a provider tie receipts back even when its own id never reached us. */
  deliveryId: string;
  /** E.164, already normalised. */
  to: string;
  /** Exactly the text to send (see smsBody in the domain: NFC or "không dấu"). */
  body: string;
  /** Where the provider posts status receipts for this message. */
  statusCallbackUrl?: string;
}

export interface SmsSendResult {
  providerMessageId: string;
  /** How far the message got synchronously: 'sent' once the provider has it (queued there included). */
  status: 'sent' | 'delivered';
}

export interface SmsProvider {
  readonly name: string;
  /** True for the built-in sandbox: nothing leaves the machine, and screens must say so. */
  readonly sandbox: boolean;
  /** Rate-limit bucket shared by every process sending through the same account (e.g. the Twilio account SID). */
  readonly accountKey: string;
  /**
   * Hands one message to the provider. Failures are thrown as the domain's delivery errors:
   * RetryableError, PermanentError or OutcomeUnknownError (the request left, no answer came).
   */
  send(request: SmsSendRequest): Promise<SmsSendResult>;
}
