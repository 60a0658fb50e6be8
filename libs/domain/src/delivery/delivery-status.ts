/**
 * The life of one delivery (one occurrence × channel × endpoint):
 *
 *   planned ─▶ [queued] ─▶ sending ─▶ sent ─▶ delivered | undelivered | failed
 *      ▲                     │  │       ▲
 *      └── retryable error ──┘  ▼       │
 *          (backoff)          unknown ──┘  (verified: sent or final; planned again if it never arrived)
 *   planned, queued ─▶ cancelled | skipped (opted out, over the daily cap...)
 *
 * `queued` is optional: an engine that claims batches straight from `planned` skips it, one that
 * enqueues a job per delivery passes through it. A retry goes back to `planned` (or `queued`).
 * delivered, undelivered, failed, cancelled and skipped are final. Cancelling stops only what was
 * not yet handed to a provider (planned, queued). Provider receipts can arrive before our own
 * request returns, so a receipt may move `sending` or `unknown` straight to a later state.
 */
export const DELIVERY_STATUSES = [
  'planned',
  'queued',
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
  planned: ['queued', 'sending', 'cancelled', 'skipped'],
  queued: ['sending', 'cancelled', 'skipped'],
  sending: ['sent', 'delivered', 'undelivered', 'failed', 'unknown', 'planned', 'queued'],
  unknown: ['sent', 'delivered', 'undelivered', 'failed', 'planned', 'queued'],
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
export const CANCELLABLE_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['planned', 'queued'];

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

/**
 * The status a provider receipt moves the delivery to, or null to ignore it: unknown statuses
 * and receipts that would move it backwards (a late "sent" after "delivered") change nothing.
 * Twilio's own "queued"/"accepted" mean the provider has the message, which for us is `sent`.
 */
export function mapProviderStatus(current: DeliveryStatus, providerStatus: string): DeliveryStatus | null {
  const reported = Object.hasOwn(TWILIO_STATUS, providerStatus) ? TWILIO_STATUS[providerStatus] : undefined;
  if (!reported) return null;
  return canTransitionDelivery(current, reported) ? reported : null;
}
