import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#domain/index.js';

export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The authenticated caller, set by BearerAuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without BearerAuthGuard');
  return actor;
});
