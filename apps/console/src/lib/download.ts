import { api, unwrap } from '../api/client';

/** The file name from a Content-Disposition header (RFC 6266 `filename*` first), if any. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

/**
 * Downloads an authenticated file: fetched with the bearer token (a plain link would carry none) into a
 * blob, then saved under the name the API gives. Throws an ApiError with the API's message on failure.
 */
export async function downloadAuthenticated(path: string, query: Record<string, string | undefined>, fallbackName: string): Promise<void> {
  const get = api.GET as unknown as (
    p: string,
    init: { params: { query: Record<string, string | undefined> }; parseAs: 'blob' },
  ) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const call = get(path, { params: { query }, parseAs: 'blob' });
  const blob = await unwrap(call);
  const { response } = await call;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
