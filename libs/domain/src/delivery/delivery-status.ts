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

/**
 * Also whether a provider's report moves a delivery: a report that would move it backwards (a late
 * "sent" after "delivered") or out of a final state changes nothing. Each provider maps its own
 * status words to a DeliveryStatus (e.g. the SMS package's providers/twilio/twilio-status.ts).
 */
export function canTransitionDelivery(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinalDeliveryStatus(status: DeliveryStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
