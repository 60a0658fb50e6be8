import { createHash } from 'node:crypto';

/** Facebook accepts 63,206 characters; a social post this long is already unreadable on a phone. */
export const SOCIAL_TEXT_MAX = 5_000;

/** The social rendition, or the title and body when the message has none; trimmed and capped. */
export function socialText(version: { title: string; body: string; renditions: { social?: string } }): string {
  const text = (version.renditions.social?.trim() || `${version.title.trim()}\n\n${version.body.trim()}`).trim();
  return text.length <= SOCIAL_TEXT_MAX ? text : `${text.slice(0, SOCIAL_TEXT_MAX - 1).trimEnd()}…`;
}

/**
 * A short tag derived from the delivery id, carried in the post's link (`?m=`): when a publish's
 * outcome is unknown, the platform's own listing is searched for it before anything is resent.
 */
export function socialMarker(deliveryId: string): string {
  return `tc${createHash('sha256').update(`tincoso-delivery-${deliveryId}`).digest('hex').slice(0, 12)}`;
}

