import { PERMANENT_REASONS } from './delivery-errors.js';

/**
 * Why a delivery ended without reaching its recipient, as the engine knows it (stored in
 * delivery.failure_reason): a provider's permanent refusal (its PermanentError reason), or the cause
 * of a skip or cancellation. The provider's own words stay in last_error, for support; what an officer
 * reads comes from this value and the provider code (failure-text.ts). A failure whose retries ran out
 * has no reason of its own (failure_kind 'exhausted' and the provider code say it).
 */
export const DELIVERY_FAILURE_REASONS = [
  ...PERMANENT_REASONS,
  /** Cancelled: its station was deleted before the item was handed to the device. */
  'station-deleted',
  /** Cancelled: the post scheduled on the platform was deleted there before it appeared. */
  'scheduled-post-deleted',
  /** Cancelled: the broadcast was cancelled before this delivery went. */
  'broadcast-cancelled',
] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];
