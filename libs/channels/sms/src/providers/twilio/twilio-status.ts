import type { DeliveryStatus } from '#domain/index.js';

/** Twilio message statuses (outbound) and what they mean for a delivery. */
const TWILIO_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  // Only messages scheduled at Twilio can be cancelled there; for us it simply never went out.
  canceled: 'failed',
};

/**
 * What a Twilio message status means for a delivery, whatever its current state; null when unknown.
 * Twilio's own "queued"/"accepted" mean Twilio has the message, which for us is `sent`. Whether the
 * report moves a given delivery (never backwards) is the domain's canTransitionDelivery.
 */
export function twilioDeliveryStatus(providerStatus: string): DeliveryStatus | null {
  return Object.hasOwn(TWILIO_STATUS, providerStatus) ? TWILIO_STATUS[providerStatus] : null;
}
