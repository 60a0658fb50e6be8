import type { Request, Response } from 'express';

/**
 * Opens a server-sent event stream: a `hello` event, then one event per notice the subscription
 * delivers (named by its kind), until the device disconnects.
 */
export function openEventStream<E extends { kind: string }>(
  req: Request,
  res: Response,
  hello: Record<string, unknown>,
  subscribe: (send: (event: E) => void) => () => void,
): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write(`event: hello\ndata: ${JSON.stringify(hello)}\n\n`);
  const stop = subscribe((event) => res.write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`));
  // A comment every 25 s keeps proxies from closing an idle stream.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
