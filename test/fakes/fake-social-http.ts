import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  /** The JSON, form or multipart text fields. */
  body: Record<string, unknown>;
  /** The files of a multipart body, by field name. */
  files: Record<string, RecordedFile>;
}

export interface RecordedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** What a scripted call does instead of answering normally. */
export type Scripted =
  | { kind: 'error'; status?: number; body: Record<string, unknown> }
  /** The request is applied (the post exists), then the answer never comes: the client times out. */
  | { kind: 'apply-then-hang' }
  /** The connection is held and nothing is applied. */
  | { kind: 'hang' };

/**
 * The HTTP plumbing shared by the Zalo and Graph fakes: body parsing (JSON, form or multipart), a request log,
 * a list of protocol problems (a test asserts it stays empty), scripted answers per route, and
 * sockets held open for "timeout after the request left".
 */
export abstract class FakeSocialServer {
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly held = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private readonly server = http.createServer((req, res) => void this.receive(req, res));

  protected async listen(port = 0, host = '127.0.0.1'): Promise<void> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next calls matching `route` (e.g. "POST /v2.0/article/create") behave as scripted, in order. */
  script(route: string, ...behaviours: Scripted[]): void {
    this.scripts.set(route, [...(this.scripts.get(route) ?? []), ...behaviours]);
  }

  callsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => this.routeOf(r) === route);
  }

  reset(): void {
    this.requests.length = 0;
    this.problems.length = 0;
    this.scripts.clear();
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** What the fake holds (posts, articles), for GET /__fake/state in the demo. */
  protected abstract state(): unknown;
  /** Answers a recorded request with [status, body]. */
  protected abstract answer(req: RecordedRequest): [number, Record<string, unknown>];
  /** The route key of a request, for scripts ("POST /v2.0/article/create", "POST /{page}/feed"...). */
  protected abstract routeOf(req: RecordedRequest): string;

  protected problem(req: RecordedRequest, text: string): void {
    this.problems.push(`${req.method} ${req.path}: ${text}`);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__fake/state') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.state(), null, 2));
      return;
    }
    const header = String(req.headers['content-type'] ?? '');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      contentType: header.split(';')[0],
      body: {},
      files: {},
    };
    await this.parseBody(recorded, raw, header);
    this.requests.push(recorded);
    const script = this.scripts.get(this.routeOf(recorded))?.shift();
    if (script?.kind === 'hang') {
      this.held.add(res);
      return;
    }
    if (script?.kind === 'error') {
      res.writeHead(script.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(script.body));
      return;
    }
    const [status, answer] = this.answer(recorded);
    if (script?.kind === 'apply-then-hang') {
      this.held.add(res);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private async parseBody(recorded: RecordedRequest, raw: Buffer, header: string): Promise<void> {
    if (raw.length === 0) return;
    const text = () => raw.toString('utf8');
    if (recorded.contentType === 'application/json') recorded.body = JSON.parse(text());
    else if (recorded.contentType === 'application/x-www-form-urlencoded') recorded.body = Object.fromEntries(new URLSearchParams(text()));
    else if (recorded.contentType === 'multipart/form-data') {
      // undici's own multipart parser, fed the full header so it sees the boundary.
      try {
        const form = await new Response(raw, { headers: { 'content-type': header } }).formData();
        for (const [name, value] of form) {
          if (typeof value === 'string') recorded.body[name] = value;
          else recorded.files[name] = { bytes: Buffer.from(await value.arrayBuffer()), contentType: value.type, fileName: value.name };
        }
      } catch (error) {
        this.problem(recorded, `unreadable multipart body: ${(error as Error).message}`);
      }
    } else recorded.body = { _raw: text() };
  }
}
