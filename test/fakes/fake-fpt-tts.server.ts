import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** FPT.AI Text-to-Speech v5 as documented (docs.fpt.ai, "Text to Speech" API). */
export const FPT_VOICES = ['banmai', 'thuminh', 'leminh', 'myan', 'ngoclam', 'giahuy', 'lannhi', 'linhsan', 'minhquang'];
const MAX_CHARS = 5_000;
const MIN_CHARS = 3;

/** What the next synthesis request meets: served normally, never answered, throttled, refused key, or a server error. */
export type FakeFptBehaviour = 'ok' | 'hang' | 'throttle' | 'unauthorized' | 'server-error';

export interface FptTtsRequest {
  apiKey: string | undefined;
  voice: string | undefined;
  speed: string | undefined;
  format: string | undefined;
  text: string;
  /** The id of its audio link; polls counts the GETs of it. */
  id: string;
}

export interface FakeFptTtsOptions {
  apiKey?: string;
  /** The audio link answers 404 this many times before it serves the MP3 (FPT.AI: 5 s to 2 minutes). */
  notReadyPolls?: number;
}

/**
 * A local stand-in for FPT.AI Text-to-Speech v5: checks the request as the service documents it
 * (api-key header, a v5 voice, speed -3..3, format mp3|wav, a body of 3 to 5,000 characters),
 * answers { async, error: 0, message, request_id }, and serves a real MP3 (espeak-ng + lame, made
 * at start) at the async link after it has 404ed for a while, as S3 does until the file is written.
 * Told per request to hang, throttle (429), refuse the key (401) or fail (500).
 */
export class FakeFptTtsServer {
  readonly apiKey: string;
  readonly requests: FptTtsRequest[] = [];
  /** GETs of each audio link, by id. */
  readonly polls = new Map<string, number>();
  /** Requests the fake refused as malformed, with why: a test asserts this stays empty. */
  readonly problems: string[] = [];
  private readonly queue: FakeFptBehaviour[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private mp3: Buffer = Buffer.alloc(0);
  private notReadyPolls: number;

  constructor(options: FakeFptTtsOptions = {}) {
    this.apiKey = options.apiKey ?? 'fake-fpt-api-key-0123456789';
    this.notReadyPolls = options.notReadyPolls ?? 2;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.mp3 = await renderMp3('Xin chào bà con, đây là bản tin thử của loa truyền thanh.');
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The next synthesis requests meet these behaviours, in order; then 'ok'. */
  enqueue(...behaviours: FakeFptBehaviour[]): void {
    this.queue.push(...behaviours);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (req.method === 'POST' && path === '/hmi/tts/v5') return this.synthesize(req, res, await body(req));
    const audio = /^\/text2speech-v5\/short\/([0-9a-f-]+)\.mp3$/.exec(path);
    if (req.method === 'GET' && audio) return this.serveAudio(audio[1], res);
    json(res, 404, { message: 'no route' });
  }

  private synthesize(req: IncomingMessage, res: ServerResponse, text: string): void {
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const request: FptTtsRequest = { apiKey: header('api-key'), voice: header('voice'), speed: header('speed'), format: header('format'), text, id: randomUUID() };
    this.requests.push(request);
    const behaviour = this.queue.shift() ?? 'ok';
    if (behaviour === 'hang') return; // never answered: the client's timeout must fire
    if (behaviour === 'throttle') return json(res, 429, { message: 'API rate limit exceeded' }, { 'retry-after': '1' });
    if (behaviour === 'server-error') return json(res, 500, { message: 'An unexpected error occurred' });
    if (behaviour === 'unauthorized' || request.apiKey !== this.apiKey) return json(res, 401, { message: 'Invalid authentication credentials' });
    const problem = requestProblem(request);
    if (problem) {
      this.problems.push(problem);
      return json(res, 400, { error: 1, message: problem, request_id: request.id });
    }
    this.polls.set(request.id, 0);
    json(res, 200, {
      async: `${this.url}/text2speech-v5/short/${request.id}.mp3`,
      error: 0,
      message: 'The content will be returned after a few seconds under the async link.',
      request_id: request.id,
    });
  }

  private serveAudio(id: string, res: ServerResponse): void {
    const polls = this.polls.get(id);
    if (polls === undefined) return json(res, 404, { message: 'NoSuchKey' });
    this.polls.set(id, polls + 1);
    if (polls < this.notReadyPolls) return json(res, 404, { message: 'NoSuchKey' });
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': this.mp3.length });
    res.end(this.mp3);
  }
}

function requestProblem(r: FptTtsRequest): string | null {
  if (!r.voice || !FPT_VOICES.includes(r.voice)) return `voice must be one of ${FPT_VOICES.join(', ')} (got ${r.voice})`;
  if (r.speed !== undefined && r.speed !== '' && !/^(-?[0-3]|\+?[0-3])$/.test(r.speed)) return `speed must be -3..3 (got ${r.speed})`;
  if (r.format !== undefined && !['mp3', 'wav'].includes(r.format)) return `format must be mp3 or wav (got ${r.format})`;
  const length = [...r.text].length;
  if (length < MIN_CHARS || length > MAX_CHARS) return `the body must hold ${MIN_CHARS} to ${MAX_CHARS} characters (got ${length})`;
  return null;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

async function renderMp3(text: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-fpt-'));
  try {
    await run('espeak-ng', ['-v', 'vi', '-w', join(dir, 'a.wav'), text]);
    await run('lame', ['--quiet', '-b', '64', join(dir, 'a.wav'), join(dir, 'a.mp3')]);
    return await readFile(join(dir, 'a.mp3'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
