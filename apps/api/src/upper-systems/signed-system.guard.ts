import { applyDecorators, createParamDecorator, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { SIGNATURE_HEADERS } from '#services/upper-systems/request-signature.js';
import { SignedRequestVerifier, type CallingSystemInfo } from '#services/upper-systems/signed-request-verifier.js';
import { Public } from '../auth/public.decorator.js';

interface SignedRequest extends Request {
  rawBody?: Buffer;
  callingSystem?: CallingSystemInfo;
}

/**
 * Lets through only requests signed by an active upper-level system (docs/upper-systems.md); the
 * body hash is taken over the bytes received (the app keeps `rawBody`). Anything else: 401 with
 * the reason, before the handler runs.
 */
@Injectable()
export class SignedSystemGuard implements CanActivate {
  constructor(private readonly verifier: SignedRequestVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<SignedRequest>();
    const header = (name: string) => {
      const value = req.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    };
    req.callingSystem = await this.verifier.verify({
      method: req.method,
      path: req.originalUrl,
      headers: {
        system: header(SIGNATURE_HEADERS.system),
        timestamp: header(SIGNATURE_HEADERS.timestamp),
        nonce: header(SIGNATURE_HEADERS.nonce),
        signature: header(SIGNATURE_HEADERS.signature),
      },
      body: rawBodyOf(req),
    });
    return true;
  }
}

function rawBodyOf(req: SignedRequest): Buffer {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  return Buffer.alloc(0);
}

/** A route called by upper-level systems with signed requests instead of a user's bearer token. */
export function SignedBySystem(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    Public(),
    UseGuards(SignedSystemGuard),
    ApiHeader({ name: SIGNATURE_HEADERS.system, required: true, description: 'The key id of the registered system' }),
    ApiHeader({ name: SIGNATURE_HEADERS.timestamp, required: true, description: 'Unix seconds; within ±300 s of the server clock' }),
    ApiHeader({ name: SIGNATURE_HEADERS.nonce, required: true, description: '16–128 characters [A-Za-z0-9_-], never reused' }),
    ApiHeader({ name: SIGNATURE_HEADERS.signature, required: true, description: 'hex HMAC-SHA256 of method, path, timestamp, nonce and the body hash' }),
    ApiUnauthorizedResponse({ description: 'Unknown or inactive system, stale timestamp, replayed nonce or wrong signature' }),
  );
}

/** The system SignedSystemGuard verified: `{ id, name, unitId, unitPath, trusted }`. */
export const CallingSystem = createParamDecorator((_: unknown, ctx: ExecutionContext): CallingSystemInfo => {
  const system = ctx.switchToHttp().getRequest<SignedRequest>().callingSystem;
  if (!system) throw new Error('CallingSystem used on a route without SignedSystemGuard (@SignedBySystem())');
  return system;
});
