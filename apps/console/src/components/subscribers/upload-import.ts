import { apiError } from '../../api/client';
import { session } from '../../auth/session-store';
import type { SubscriberImport } from './subscriber-types';

export interface ImportSummary extends SubscriberImport {
  firstErrors?: { rowNo: number; field: string; rule: string; message: string; raw: string }[];
}

/** A v4 UUID; crypto.randomUUID exists only on HTTPS, and a commune office may reach the console over plain HTTP. */
export function newImportId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Sends the file with XMLHttpRequest, because fetch reports no upload progress and a 20 MB sheet over
 * 4G takes a while. `importId` is ours, so the import can be polled while this request runs. Resolves with the API's summary; an expired token is refreshed once and the upload replayed.
 */
export function uploadImport(
  upload: { file: File; unitId: string; importId: string },
  onBytes: (percent: number) => void,
  signal: AbortSignal,
): Promise<ImportSummary> {
  const attempt = (token: string | null) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/subscribers/imports');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => e.lengthComputable && onBytes(Math.round((e.loaded / e.total) * 100));
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
      xhr.onerror = () => reject(new Error('network'));
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
      const form = new FormData();
      form.append('unitId', upload.unitId);
      form.append('importId', upload.importId);
      form.append('file', upload.file);
      xhr.send(form);
    });
  return (async () => {
    let answer = await attempt(await session.accessToken());
    if (answer.status === 401) answer = await attempt(await session.refreshNow());
    if (answer.status >= 200 && answer.status < 300) return answer.body as ImportSummary;
    throw apiError(answer.status, answer.body);
  })();
}

/** Rows read so far, whichever name the API gives them. */
export function processedRows(i: SubscriberImport): number {
  return i.processedRows ?? i.rowsRead ?? 0;
}
