import { createHash } from 'node:crypto';

/**
 * How long a device's ETag may be answered 304 at most, even when no change was recorded: a bump
 * lost between a commit and Redis (Redis down at that moment) heals within this time.
 */
export const DEVICE_ETAG_MAX_AGE_MS = 10 * 60_000;

/**
 * An ETag naming what a body was built from (device, token identity, version, day…) and the moment
 * it stops being valid (an emergency item ageing out, a slide expiring). The moment is in the hash
 * too, so a device cannot extend it by editing the tag.
 */
export function deviceEtag(basis: readonly string[], validUntil: number): string {
  const until = Math.max(0, Math.floor(validUntil)).toString(36);
  const digest = createHash('sha256').update(basis.join('\u0000')).update('\u0000').update(until).digest('base64url').slice(0, 22);
  return `"${digest}.${until}"`;
}

const TAG = /^"([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})"$/;

/**
 * The tag of If-None-Match that was issued for this basis and is still valid at `now`, or null:
 * a 304 decided from the request and the current version alone, without building the body.
 */
export function freshEtag(ifNoneMatch: string | string[] | undefined, basis: readonly string[], now: number): string | null {
  if (typeof ifNoneMatch !== 'string' || ifNoneMatch.length > 1000) return null;
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    const match = TAG.exec(tag);
    if (!match) continue;
    const until = parseInt(match[2], 36);
    if (until > now && deviceEtag(basis, until) === tag) return tag;
  }
  return null;
}
