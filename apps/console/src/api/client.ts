import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../auth/session-store';

/** Every error the API sends has this body (see README, "The API"). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; rule: string; message: string }[];
  /** The domain's reason for a refusal (e.g. `relay.full`), when the API's code refused. */
  code?: string;
  requestId?: string;
}

/** Thrown by `unwrap` for any answer that is not 2xx; carries the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await session.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    // An access token that expired under us (laptop asleep): refresh once and replay.
    if (response.status !== 401 || request.headers.get('x-retried')) return response;
    const token = await session.refreshNow();
    if (!token) return response;
    const retry = new Request(request, { headers: new Headers(request.headers) });
    retry.headers.set('Authorization', `Bearer ${token}`);
    retry.headers.set('x-retried', '1');
    return fetch(retry);
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(auth);

/** The ApiError for a failed answer, whatever its body (a proxy's HTML page has none of the fields). */
export function apiError(status: number, error: unknown, statusText = ''): ApiError {
  const body = (error && typeof error === 'object' ? error : { message: statusText }) as Partial<ApiErrorBody>;
  return new ApiError(status, {
    statusCode: status,
    error: body.error ?? '',
    message: body.message || `Lỗi máy chủ (${status})`,
    details: body.details ?? [],
    requestId: body.requestId,
  });
}

/** Returns the data of a successful answer or throws an ApiError with the API's Vietnamese message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError(response.status, error, response.statusText);
  return data as T;
}
