import type { Request, Response } from 'express';
import { serializeCookie } from '../http/cookies.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';
/** The access token for the queue board, sent only to /admin/queues (Path), never cross-site, out of scripts' reach. */
export const ADMIN_QUEUES_COOKIE = 'tincoso_queues';

export function setAdminQueuesCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.append(
    'Set-Cookie',
    serializeCookie(ADMIN_QUEUES_COOKIE, token, { path: ADMIN_QUEUES_PATH, maxAgeSeconds, httpOnly: true, sameSite: 'Strict', secure: req.secure }),
  );
}
