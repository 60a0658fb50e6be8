import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenActionError, UnauthenticatedError } from '#domain/index.js';
import { AuthService } from '#services/auth/auth.service.js';
import { bearerToken } from '../http/bearer-token.js';
import { readCookie } from '../http/cookies.js';
import { ADMIN_QUEUES_COOKIE } from './admin-queues-cookie.js';

/**
 * Only admins see the queues: the session comes from a bearer token or, for a browser tab opened
 * from the console, the cookie `POST /api/v1/admin/queues/session` set (path /admin/queues only).
 * The user is re-read on every request, so a disabled admin loses access at once.
 */
@Injectable()
export class AdminQueuesGate implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    const token = bearerToken(req.headers.authorization) ?? readCookie(req.headers.cookie, ADMIN_QUEUES_COOKIE);
    if (!token) throw new UnauthenticatedError('auth.missing-token', 'Cần đăng nhập bằng tài khoản quản trị để xem hàng đợi');
    const actor = await this.auth.authenticate(token);
    if (actor.role !== 'admin') throw new ForbiddenActionError('admin-queues.forbidden', 'Chỉ quản trị viên được xem hàng đợi');
    next();
  }
}
