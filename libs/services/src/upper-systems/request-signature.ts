import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from the server clock, either way (seconds). */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** The four headers of a signed request, as documented (HTTP header names are case-insensitive). */
export const SIGNATURE_HEADERS = {
  system: 'X-Tincoso-System',
  timestamp: 'X-Tincoso-Timestamp',
  nonce: 'X-Tincoso-Nonce',
  signature: 'X-Tincoso-Signature',
} as const;

const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

export interface SignedRequestParts {
  method: string;
  /** Path and query exactly as requested (`/api/v1/systems/relays?x=1`). */
  path: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

/** The text that is signed: method, path, timestamp, nonce and the body's SHA-256 (hex), one per line. */
export function canonicalRequest(parts: SignedRequestParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

/** hex(HMAC-SHA256(secret, canonical request)): what a calling system puts in X-Tincoso-Signature. */
export function signRequest(secret: string, parts: SignedRequestParts): string {
  return createHmac('sha256', secret).update(canonicalRequest(parts)).digest('hex');
}

/** Constant-time comparison of the expected and the given signature. */
export function signatureMatches(secret: string, parts: SignedRequestParts, given: string): boolean {
  if (!SIGNATURE.test(given)) return false;
  return timingSafeEqual(Buffer.from(signRequest(secret, parts), 'hex'), Buffer.from(given, 'hex'));
}

export type HeaderProblem = { header: string; rule: string; message: string };

/** Checks the headers' shapes and the clock window; the first problem, or null. */
export function headerProblem(headers: { system?: string; timestamp?: string; nonce?: string; signature?: string }, now: Date): HeaderProblem | null {
  const missing = (['system', 'timestamp', 'nonce', 'signature'] as const).find((h) => !headers[h]);
  if (missing) return { header: SIGNATURE_HEADERS[missing], rule: 'required', message: `Thiếu tiêu đề ${SIGNATURE_HEADERS[missing]}` };
  if (!TIMESTAMP.test(headers.timestamp!)) {
    return { header: SIGNATURE_HEADERS.timestamp, rule: 'format', message: 'X-Tincoso-Timestamp phải là số giây Unix' };
  }
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(headers.timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) {
    return { header: SIGNATURE_HEADERS.timestamp, rule: 'stale', message: `Thời điểm ký lệch quá ${SIGNATURE_WINDOW_SECONDS} giây so với máy chủ` };
  }
  if (!NONCE.test(headers.nonce!)) {
    return { header: SIGNATURE_HEADERS.nonce, rule: 'format', message: 'X-Tincoso-Nonce phải dài 16–128 ký tự A–Z, a–z, 0–9, "-" hoặc "_"' };
  }
  return null;
}
