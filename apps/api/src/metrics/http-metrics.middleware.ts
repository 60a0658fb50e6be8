import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '#metrics/index.js';

/**
 * Times every request of the api into tincoso_http_request_duration_seconds. The route label is the
 * matched route pattern (`/api/v1/messages/:id`), never the raw URL, so its values are bounded; a
 * request that matched no route (static files, 404s) is `unmatched`.
 */
export function httpMetrics() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = httpRequestDuration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
