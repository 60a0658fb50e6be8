import type { Request, Response } from 'express';
import { readCookie, serializeCookie } from '../http/cookies.js';

/**
 * The console's refresh token lives in this cookie, out of reach of scripts (HttpOnly), never sent
 * cross-site (SameSite=Strict) and only to the refresh endpoint (Path), so no other request carries it.
 */
export const REFRESH_COOKIE = 'tincoso_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';

export function refreshCookieOf(req: Request): string | undefined {
  return readCookie(req.headers.cookie, REFRESH_COOKIE) || undefined;
}

/** `req.secure` follows X-Forwarded-Proto from the trusted proxies (trust proxy in bootstrap). */
export function setRefreshCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.append(
    'Set-Cookie',
    serializeCookie(REFRESH_COOKIE, token, { path: REFRESH_COOKIE_PATH, maxAgeSeconds, httpOnly: true, sameSite: 'Strict', secure: req.secure }),
  );
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.append(
    'Set-Cookie',
    serializeCookie(REFRESH_COOKIE, '', { path: REFRESH_COOKIE_PATH, maxAgeSeconds: 0, httpOnly: true, sameSite: 'Strict', secure: req.secure }),
  );
}

/** The session for a console: the refresh token goes into the cookie and out of the body. */
export function deliverInCookie<T extends { refreshToken: string; refreshExpiresIn: number }>(
  req: Request,
  res: Response,
  pair: T,
): Omit<T, 'refreshToken'> {
  const { refreshToken, ...body } = pair;
  setRefreshCookie(req, res, refreshToken, pair.refreshExpiresIn);
  return body;
}
