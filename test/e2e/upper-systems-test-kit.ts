import { randomBytes } from 'node:crypto';
import type supertest from 'supertest';
import { signRequest } from '#services/upper-systems/request-signature.js';

export interface SigningSystem {
  keyId: string;
  secret: string;
}

export interface SignOptions {
  /** Unix seconds to sign with (default: now). */
  timestamp?: number;
  nonce?: string;
  /** Signs with this secret instead of the system's. */
  secret?: string;
  contentType?: string;
  /** Sends these bytes instead of the body that was signed (a body changed on the way). */
  sentBody?: string;
}

/** Sends a request signed as docs/upper-systems.md says; the body is sent as the exact bytes signed. */
export function signed(http: ReturnType<typeof supertest>, system: SigningSystem, method: 'get' | 'post', path: string, body?: unknown, options: SignOptions = {}) {
  const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  const signature = signRequest(options.secret ?? system.secret, { method, path, timestamp, nonce, body: raw });
  const req = http[method](path)
    .set('X-Tincoso-System', system.keyId)
    .set('X-Tincoso-Timestamp', timestamp)
    .set('X-Tincoso-Nonce', nonce)
    .set('X-Tincoso-Signature', signature);
  const sent = options.sentBody ?? raw;
  return sent ? req.set('content-type', options.contentType ?? 'application/json').send(sent) : req;
}
