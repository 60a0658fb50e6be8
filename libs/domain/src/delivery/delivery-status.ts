/**
 * The life of one delivery (one occurrence × channel × endpoint):
 *
 *   planned ─▶ sending ─▶ sent ─▶ delivered | undelivered | failed
 *      ▲          │  │       ▲
 *      └─ retry ──┘  ▼       │
 *       (backoff)  unknown ──┘  (a provider receipt settles it; it is never resent blindly)
 *   planned ─▶ cancelled | skipped (opted out, ...)
 *
 * The engine claims batches straight from `planned`; a retry goes back to `planned`.
 * delivered, undelivered, failed, cancelled and skipped are final. Cancelling stops only what was
 * not yet handed to a provider (planned). Provider receipts can arrive before our own request
 * returns, so a receipt may move `sending` or `unknown` straight to a later state.
 */
export const DELIVERY_STATUSES = [
  'planned',
  'sending',
  'sent',
  'delivered',
  'failed',
  'undelivered',
  'unknown',
  'cancelled',
  'skipped',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  planned: ['sending', 'cancelled', 'skipped'],
  sending: ['sent', 'delivered', 'undelivered', 'failed', 'unknown', 'planned'],
  unknown: ['sent', 'delivered', 'undelivered', 'failed', 'planned'],
  sent: ['delivered', 'undelivered', 'failed'],
  delivered: [],
  undelivered: [],
  failed: [],
  cancelled: [],
  skipped: [],
};

export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = DELIVERY_STATUSES.filter(
  (s) => TRANSITIONS[s].length === 0,
);

/** States a cancellation still stops: nothing in them has reached a provider or a device. */
export const CANCELLABLE_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['planned'];

export function canTransitionDelivery(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinalDeliveryStatus(status: DeliveryStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

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

/** What a Twilio message status means for a delivery, whatever its current state; null when unknown. */
export function twilioDeliveryStatus(providerStatus: string): DeliveryStatus | null {
  return Object.hasOwn(TWILIO_STATUS, providerStatus) ? TWILIO_STATUS[providerStatus] : null;
}

/**
 * The status a provider receipt moves the delivery to, or null to ignore it: unknown statuses
 * and receipts that would move it backwards (a late "sent" after "delivered") change nothing.
 * Twilio's own "queued"/"accepted" mean the provider has the message, which for us is `sent`.
 */
export function mapProviderStatus(current: DeliveryStatus, providerStatus: string): DeliveryStatus | null {
  const reported = twilioDeliveryStatus(providerStatus);
  if (!reported) return null;
  return canTransitionDelivery(current, reported) ? reported : null;
}
