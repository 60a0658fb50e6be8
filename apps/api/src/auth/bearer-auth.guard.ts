import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnauthenticatedError } from '#domain/index.js';
import { AuthService } from '#services/auth/auth.service.js';
import { bearerToken } from '../http/bearer-token.js';
import type { AuthenticatedRequest } from './current-actor.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new UnauthenticatedError('auth.missing-token', 'Cần đăng nhập (thiếu mã truy cập Bearer)');
    req.actor = await this.auth.authenticate(token);
    return true;
  }
}
