import { OutcomeUnknownError, RetryableError } from '#domain/index.js';
import type { SocialImage } from './social-publisher.js';

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * One request to a platform, with a timeout. A failure to connect is retryable (nothing left); a
 * timeout or a dropped connection after the request left is retryable for reads and an unknown
 * outcome for writes, which are then verified instead of resent.
 */
export async function socialRequest(
  url: string,
  init: { method: 'GET' | 'POST' | 'DELETE'; headers?: Record<string, string>; body?: string | FormData; write: boolean; timeoutMs: number },
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    const code = transportCode(error);
    if (NOT_SENT_CODES.has(code) || !init.write) throw new RetryableError(code, `request not completed: ${code}`);
    throw new OutcomeUnknownError(code, `no answer after the request left (${code})`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const code = transportCode(error);
    if (!init.write) throw new RetryableError(code, `answer cut off: ${code}`);
    throw new OutcomeUnknownError(code, `answer cut off after the request left (${code})`);
  }
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

function transportCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'ETIMEDOUT';
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code ?? 'ENETWORK';
}

export function form(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) params.set(k, v);
  return params.toString();
}

/**
 * A multipart/form-data body: the text fields, then the file under `fileField`. No content-type
 * header goes with it: fetch writes the one carrying the boundary.
 */
export function multipart(values: Record<string, string | undefined>, fileField: string, file: SocialImage): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) body.set(k, v);
  body.set(fileField, new Blob([file.bytes], { type: file.contentType }), file.fileName);
  return body;
}
