import type { Response } from 'express';

/** A conditional read's answer from a device service: 304 (the device's tag is current) or the body with its tag. */
export type ConditionalAnswer<T> = { notModified: true; etag: string } | { notModified: false; body: T; etag: string };

/**
 * Answers 304 itself when the service found the device's tag current (whatever the request's own
 * Cache-Control says, which would keep Express from doing so), else sends the body with its tag.
 */
export function revalidated<T>(res: Response, answer: ConditionalAnswer<T>, send: (body: T) => void, cacheControl = 'private, no-cache'): void {
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', cacheControl);
  if (answer.notModified) res.status(304).end();
  else send(answer.body);
}
