import { ApiError, type ApiErrorBody } from '../../api/client';
import { session } from '../../auth/session-store';
import type { SubscriberImport } from './subscriber-types';

export interface ImportSummary extends SubscriberImport {
  firstErrors?: { rowNo: number; field: string; rule: string; message: string; raw: string }[];
}

/**
 * Sends the file with XMLHttpRequest, because fetch reports no upload progress and a 20 MB sheet over
 * 4G takes a while. Resolves with the API's summary; an expired token is refreshed once and the upload replayed.
 */
export function uploadImport(file: File, unitId: string, onBytes: (percent: number) => void, signal: AbortSignal): Promise<ImportSummary> {
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
      form.append('unitId', unitId);
      form.append('file', file);
      xhr.send(form);
    });
  return (async () => {
    let answer = await attempt(await session.accessToken());
    if (answer.status === 401) answer = await attempt(await session.refreshNow());
    if (answer.status >= 200 && answer.status < 300) return answer.body as ImportSummary;
    const body = (answer.body ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(answer.status, {
      statusCode: answer.status,
      error: body.error ?? '',
      message: body.message || `Lỗi máy chủ (${answer.status})`,
      details: body.details ?? [],
      requestId: body.requestId,
    });
  })();
}

/** Rows read so far, whichever name the API gives them. */
export function processedRows(i: SubscriberImport): number {
  return i.processedRows ?? i.rowsRead ?? 0;
}
