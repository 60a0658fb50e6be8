import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  errorJson,
  inboundParams,
  messageJson,
  postSignedWebhook,
  requestProblem,
  statusCallbackParams,
  type AcceptedMessage,
  type FakeBehaviour,
  type InboundFields,
  type StatusCallbackFields,
  type WebhookAnswer,
} from './fake-twilio.protocol.js';

export { behaviours, postSignedWebhook, type AcceptedMessage, type FakeBehaviour } from './fake-twilio.protocol.js';

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Keep every accepted message in memory (tests). Off for benchmarks: only counts are kept. */
  recordMessages?: boolean;
  /** Post these statuses, signed, to each message's StatusCallback after `delayMs` (demo, benchmark). */
  autoCallbacks?: { statuses: string[]; delayMs?: number };
}

export interface FakeTwilioStats {
  requests: number;
  accepted: number;
  rejected: number;
  unauthorized: number;
  callbacksSent: number;
  callbacksFailed: number;
  /** When the first and the latest message were accepted (epoch ms), for the benchmarks' latencies. */
  firstAcceptedAt: number | null;
  lastAcceptedAt: number | null;
}

interface FakeScript {
  enqueue?: FakeBehaviour[];
  to?: string;
  behaviour?: FakeBehaviour;
  default?: FakeBehaviour;
}

const emptyStats = (): FakeTwilioStats => ({
  requests: 0,
  accepted: 0,
  rejected: 0,
  unauthorized: 0,
  callbacksSent: 0,
  callbacksFailed: 0,
  firstAcceptedAt: null,
  lastAcceptedAt: null,
});

const CREATE = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const FETCH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;

/**
 * A local stand-in for Twilio's Messages API: Basic auth, form-encoded requests, Twilio's JSON
 * shapes and error bodies, and behaviour scripted per call or per recipient. The real SDK runs
 * against it unchanged (via TWILIO_API_BASE_URL / apiBaseUrl).
 */
export class FakeTwilioServer {
  readonly accountSid: string;
  readonly authToken: string;
  readonly messages: AcceptedMessage[] = [];
  readonly stats: FakeTwilioStats = emptyStats();
  private readonly queue: FakeBehaviour[] = [];
  private readonly perRecipient = new Map<string, FakeBehaviour>();
  private readonly byId = new Map<string, AcceptedMessage>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly expectedAuth: string;
  private readonly sidPrefix = `SM${randomBytes(8).toString('hex')}`;
  private sequence = 0;
  private defaultBehaviour: FakeBehaviour = { kind: 'ok' };
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(private readonly options: FakeTwilioOptions = {}) {
    this.accountSid = options.accountSid ?? `AC${'0'.repeat(24)}fa4e7111`;
    this.authToken = options.authToken ?? 'fake-twilio-auth-token';
    this.expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(options: FakeTwilioOptions & { port?: number; host?: string } = {}): Promise<FakeTwilioServer> {
    const fake = new FakeTwilioServer(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** Base URL to give the adapter as apiBaseUrl, e.g. http://127.0.0.1:40123. */
  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  /** The next calls get these behaviours, in order; then the default applies again. */
  enqueue(...next: FakeBehaviour[]): this {
    this.queue.push(...next);
    return this;
  }

  /** Every message to this number gets this behaviour (order-independent, for concurrent sends). */
  respondTo(to: string, behaviour: FakeBehaviour): this {
    this.perRecipient.set(to, behaviour);
    return this;
  }

  setDefault(behaviour: FakeBehaviour): this {
    this.defaultBehaviour = behaviour;
    return this;
  }

  reset(): void {
    this.queue.length = 0;
    this.perRecipient.clear();
    this.messages.length = 0;
    this.byId.clear();
    this.defaultBehaviour = { kind: 'ok' };
    Object.assign(this.stats, emptyStats());
  }

  /** Posts a signed status callback for a message, as Twilio would. */
  sendStatusCallback(url: string, callback: StatusCallbackFields): Promise<WebhookAnswer> {
    return postSignedWebhook(url, statusCallbackParams(this.accountSid, callback), this.authToken);
  }

  /** Posts a signed inbound SMS (a citizen texting the service number). */
  sendInbound(url: string, sms: InboundFields): Promise<WebhookAnswer> {
    return postSignedWebhook(url, inboundParams(this.accountSid, sms), this.authToken);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const body = Buffer.concat(chunks).toString('utf8');
      if (path.startsWith('/__fake/')) return this.control(req.method ?? 'GET', path, body, res);
      this.stats.requests += 1;
      const create = req.method === 'POST' ? CREATE.exec(path) : null;
      const fetchOne = req.method === 'GET' ? FETCH.exec(path) : null;
      const account = create?.[1] ?? fetchOne?.[1];
      if (!account) return this.json(res, 404, errorJson(404, 20404));
      if (req.headers.authorization !== this.expectedAuth || account !== this.accountSid) {
        this.stats.unauthorized += 1;
        return this.json(res, 401, errorJson(401, 20003));
      }
      if (fetchOne) {
        const found = this.byId.get(fetchOne[2]!);
        return found ? this.json(res, 200, messageJson(found)) : this.json(res, 404, errorJson(404, 20404));
      }
      this.create(new URLSearchParams(body), res);
    });
  }

  private create(form: URLSearchParams, res: ServerResponse): void {
    const to = form.get('To') ?? '';
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    const invalidCode = requestProblem(form);
    if (invalidCode) return this.reject(res, 400, invalidCode, to);

    const behaviour = this.perRecipient.get(to) ?? this.queue.shift() ?? this.defaultBehaviour;
    if (behaviour.kind === 'error') {
      if (behaviour.retryAfter) res.setHeader('Retry-After', behaviour.retryAfter);
      return this.reject(res, behaviour.httpStatus, behaviour.code, to, behaviour.message);
    }
    const message: AcceptedMessage = {
      sid: `${this.sidPrefix}${(this.sequence++).toString(16).padStart(16, '0')}`,
      accountSid: this.accountSid,
      to,
      body: form.get('Body') ?? '',
      from,
      messagingServiceSid,
      statusCallback: form.get('StatusCallback'),
      // Twilio answers 'accepted' for a Messaging Service (it picks the sender later), else 'queued'.
      status: (behaviour.kind === 'ok' && behaviour.status) || (messagingServiceSid ? 'accepted' : 'queued'),
      createdAt: new Date(),
    };
    this.accept(message);
    if (behaviour.kind === 'drop') {
      res.socket?.destroy();
    } else if (behaviour.kind === 'hang') {
      if (behaviour.ms !== undefined) this.later(behaviour.ms, () => this.json(res, 201, messageJson(message)));
    } else {
      this.json(res, 201, messageJson(message));
    }
  }

  private accept(message: AcceptedMessage): void {
    this.stats.accepted += 1;
    this.stats.lastAcceptedAt = Date.now();
    this.stats.firstAcceptedAt ??= this.stats.lastAcceptedAt;
    if (this.options.recordMessages !== false) {
      this.messages.push(message);
      this.byId.set(message.sid, message);
    }
    const auto = this.options.autoCallbacks;
    if (!auto || !message.statusCallback) return;
    const callbackUrl = message.statusCallback;
    this.later(auto.delayMs ?? 0, async () => {
      for (const status of auto.statuses) {
        try {
          const r = await this.sendStatusCallback(callbackUrl, { sid: message.sid, status, to: message.to });
          this.stats[r.status < 300 ? 'callbacksSent' : 'callbacksFailed'] += 1;
        } catch {
          this.stats.callbacksFailed += 1;
        }
      }
    });
  }

  private reject(res: ServerResponse, httpStatus: number, code: number, to: string, message?: string): void {
    this.stats.rejected += 1;
    this.json(res, httpStatus, errorJson(httpStatus, code, to, message));
  }

  private later(ms: number, fn: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void fn();
    }, ms);
    this.timers.add(timer);
  }

  private json(res: ServerResponse, status: number, body: string): void {
    if (res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  /** Local control endpoints for the standalone server: stats, recorded messages, scripting. */
  private control(method: string, path: string, body: string, res: ServerResponse): void {
    if (method === 'GET' && path === '/__fake/stats') return this.json(res, 200, JSON.stringify(this.stats));
    if (method === 'GET' && path === '/__fake/messages') {
      return this.json(res, 200, JSON.stringify(this.messages.slice(-1000)));
    }
    if (method === 'POST' && path === '/__fake/script') {
      let script: FakeScript;
      try {
        script = JSON.parse(body || '{}') as FakeScript;
      } catch {
        return this.json(res, 400, '{"error":"invalid JSON"}');
      }
      if (script.enqueue) this.enqueue(...script.enqueue);
      if (script.to && script.behaviour) this.respondTo(script.to, script.behaviour);
      if (script.default) this.setDefault(script.default);
      return this.json(res, 200, '{"ok":true}');
    }
    if (method === 'POST' && path === '/__fake/reset') {
      this.reset();
      return this.json(res, 200, '{"ok":true}');
    }
    this.json(res, 404, errorJson(404, 20404));
  }
}

/**
 * Standalone, for benchmarks and the demo:
 *   node dist/test/fakes/fake-twilio.server.js --port 4010 [--host 127.0.0.1] [--sid AC…] [--token …]
 *     [--record] [--callbacks sent,delivered] [--callback-delay-ms 200]
 * --sid/--token default to TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, so the app and the fake agree.
 * Without --record only counts are kept (GET /__fake/stats), so a million messages cost no memory.
 */
function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const callbacks = argValue(args, 'callbacks');
  const fake = await FakeTwilioServer.start({
    port: Number(argValue(args, 'port') ?? 4010),
    host: argValue(args, 'host') ?? '127.0.0.1',
    accountSid: argValue(args, 'sid') ?? process.env.TWILIO_ACCOUNT_SID,
    authToken: argValue(args, 'token') ?? process.env.TWILIO_AUTH_TOKEN,
    recordMessages: args.includes('--record'),
    ...(callbacks
      ? { autoCallbacks: { statuses: callbacks.split(','), delayMs: Number(argValue(args, 'callback-delay-ms') ?? 0) } }
      : {}),
  });
  process.stdout.write(`${JSON.stringify({ fakeTwilio: fake.url, accountSid: fake.accountSid })}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
