import { createHash } from 'node:crypto';

/** Plain rules of board slides: how long one stays up, where its QR code points, the feed's content version. */

/** An emergency overlay covers the whole screen, so it never stays up longer than this. */
const EMERGENCY_SLIDE_HOURS = 24;

const DAY_MS = 86_400_000;

/**
 * A slide goes live at its occurrence and stays up `slideDays`, or until the broadcast's next
 * occurrence (which brings the newest approved version), whichever comes first. Emergency slides
 * stay at most EMERGENCY_SLIDE_HOURS.
 */
export function slideExpiry(p: { startsAt: Date; nextOccurrenceAt: Date | null; slideDays: number; emergency: boolean }): Date {
  const span = p.emergency ? Math.min(p.slideDays * DAY_MS, EMERGENCY_SLIDE_HOURS * 3_600_000) : p.slideDays * DAY_MS;
  const limit = p.startsAt.getTime() + span;
  const next = p.nextOccurrenceAt?.getTime();
  return new Date(next !== undefined && next > p.startsAt.getTime() ? Math.min(limit, next) : limit);
}

/** Hosts of government online public services (Cổng Dịch vụ công quốc gia and provincial portals). */
function isPublicServiceHost(host: string): boolean {
  return host === 'gov.vn' || host.endsWith('.gov.vn');
}

/**
 * Where the slide's QR code points: the first link to a government (.gov.vn) online public service
 * in the slide text, so a citizen can start the procedure from the board; otherwise the message's
 * public page. Other links are never encoded: a public board must not send people to arbitrary sites.
 */
export function qrTarget(slideText: string, publicPageUrl: string): string {
  for (const match of slideText.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) {
    const raw = match[0].replace(/[.,;:!?]+$/, '');
    try {
      const url = new URL(raw);
      if (isPublicServiceHost(url.hostname.toLowerCase())) return url.toString();
    } catch {
      continue;
    }
  }
  return publicPageUrl;
}

/**
 * The content version a board reports back in its heartbeat: it changes whenever a slide appears,
 * disappears or changes. Also the feed's ETag.
 */
export function contentVersion(slides: readonly { id: string; priority: string; expiresAt: Date }[]): string {
  const key = slides.map((s) => `${s.id}/${s.priority}/${s.expiresAt.toISOString()}`).join(',');
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}
