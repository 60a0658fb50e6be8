import { Inject, Injectable } from '@nestjs/common';
import { normaliseVietnamesePhone, NotFoundError } from '#domain/index.js';
import { DeliveryReceiptsService } from '#engine/dispatch/delivery-receipts.service.js';
import { SubscriptionService } from '#services/subscribers/subscription.service.js';
import type { SmsProvider, SmsWebhookReply, SmsWebhookRequest } from './sms-provider.js';
import { SMS_PROVIDER } from './sms-providers.js';

/** Where providers call us: …/<provider>/status and …/<provider>/inbound. */
export const SMS_WEBHOOKS_PATH = 'api/v1/webhooks/sms';

/** The status callback URL written into each send; the provider echoes our delivery id (`d`) back. */
export function smsStatusCallbackUrl(publicBaseUrl: string, providerName: string, deliveryId: string): string {
  return `${publicBaseUrl}/${SMS_WEBHOOKS_PATH}/${encodeURIComponent(providerName)}/status?d=${encodeURIComponent(deliveryId)}`;
}

const NO_REPLY: SmsWebhookReply = { status: 204, contentType: 'text/plain; charset=utf-8', body: '' };

/**
 * The SMS providers' callbacks, whatever the provider: its delivery reports go to the engine's
 * receipts, a citizen's keyword SMS to the subscriptions. The webhook edge has already checked that
 * the provider is this process's and that the callback is genuinely from it (verifyWebhook).
 */
@Injectable()
export class SmsWebhooksService {
  constructor(
    @Inject(SMS_PROVIDER) private readonly configured: SmsProvider | null,
    private readonly receipts: DeliveryReceiptsService,
    private readonly subscriptions: SubscriptionService,
  ) {}

  /** The provider named in a webhook's path when it is the one this process sends through, else null (no such webhook). */
  provider(name: string): SmsProvider | null {
    return this.configured !== null && this.configured.name === name ? this.configured : null;
  }

  /** Keeps every report of a status callback and moves its delivery forward (never backwards). */
  async recordStatus(provider: SmsProvider, request: SmsWebhookRequest): Promise<number> {
    const reports = provider.parseStatus(request);
    // Kept as received (the form or JSON fields, or the query of a provider that reports by GET), less its secrets.
    const fields: Record<string, unknown> = Object.keys(request.body).length > 0 ? request.body : request.query;
    const secrets = new Set(provider.webhookSecretFields ?? []);
    const payload = Object.fromEntries(Object.entries(fields).filter(([name]) => !secrets.has(name)));
    for (const report of reports) {
      await this.receipts.record({ provider: provider.name, ...report, payload });
    }
    return reports.length;
  }

  /**
   * A citizen's SMS: STOP, HUY, TU CHOI opt the number out at once; START, DK opt it back in; other
   * text is answered with the keywords. Only a Vietnamese mobile number can change a subscription.
   * The reply goes back the provider's way (Twilio: TwiML in the answer); a provider without one
   * answers 204 and the reply is not sent.
   */
  async answerInbound(provider: SmsProvider, request: SmsWebhookRequest): Promise<SmsWebhookReply> {
    if (!provider.parseInbound) throw new NotFoundError('sms-inbound');
    const sms = provider.parseInbound(request);
    const phone = normaliseVietnamesePhone(sms.from);
    const reply = await this.subscriptions.answerInboundSms(phone.ok ? phone.e164 : null, sms.body);
    return provider.inboundReply ? provider.inboundReply(reply) : NO_REPLY;
  }
}
