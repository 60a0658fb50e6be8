import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { classifyTransportError, classifyTwilioResponse } from './twilio-errors.js';
import { keepAliveAgents, type KeepAliveAgents } from '../keep-alive-agents.js';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';
/** The SDK's own agent allows 20 sockets per host, which caps a worker far below its send concurrency. */
const DEFAULT_MAX_SOCKETS = 64;

type Sendable = string | number | boolean | null | undefined;

/**
 * The HTTP client the official SDK calls for every REST request (the SDK builds the request and
 * reads the answer; this only moves bytes). Compared with the SDK's axios-based RequestClient:
 *  - an optional base URL, so tests and demos point the real SDK at a local fake Twilio;
 *  - failures classified here, where the status, headers (Retry-After) and the socket state are
 *    still known; the SDK's RestException keeps none of them;
 *  - node:http(s) directly over one keep-alive agent (keep-alive-agents.ts) sized to the send concurrency: axios's per-request
 *    config merging and qs encoding cost more CPU than the rest of a send (measured in bench/).
 * Behind an HTTP_PROXY the SDK's own transport (proxy agent) is kept.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly apiBaseUrl: string | null;
  private readonly timeoutMs: number;
  private readonly agents: KeepAliveAgents;
  private readonly viaProxy = Boolean(process.env.HTTP_PROXY);

  constructor(options: { apiBaseUrl?: string | null; timeoutMs: number; maxSockets?: number }) {
    super({ timeout: options.timeoutMs, keepAlive: true, maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS });
    this.apiBaseUrl = options.apiBaseUrl ?? null;
    this.timeoutMs = options.timeoutMs;
    this.agents = keepAliveAgents(options.maxSockets ?? DEFAULT_MAX_SOCKETS);
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri =
      this.apiBaseUrl && opts.uri.startsWith(TWILIO_API_ORIGIN)
        ? this.apiBaseUrl + opts.uri.slice(TWILIO_API_ORIGIN.length)
        : opts.uri;
    const send = this.viaProxy ? super.request<TData>({ ...opts, uri }) : this.send(opts, uri);
    const response = await send.catch((error: unknown) => {
      throw classifyTransportError(error);
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw classifyTwilioResponse(response.statusCode, response.body, response.headers);
    }
    return response;
  }

  /** One request; errors carry `request` (the ClientRequest) so classifyTransportError can tell whether it was written. */
  private async send<TData>(opts: RequestClient.RequestOptions<TData>, uri: string): Promise<{ statusCode: number; body: TData; headers: http.IncomingHttpHeaders }> {
    const url = new URL(uri);
    if (opts.params) url.search = formEncode(opts.params as Record<string, Sendable | Sendable[]>);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined), Connection: 'keep-alive' };
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    let payload: string | undefined;
    if (opts.data && headers['Content-Type'] === 'application/json') payload = JSON.stringify(opts.data);
    else if (opts.data) payload = formEncode(opts.data as Record<string, Sendable | Sendable[]>);
    if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
    const secure = url.protocol === 'https:';
    const timeout = opts.timeout ?? this.timeoutMs;

    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, { method: opts.method.toUpperCase(), headers, agent: secure ? this.agents.https : this.agents.http });
      const fail = (code: string, message: string) => reject(Object.assign(new Error(message), { code, request: req }));
      const timer = setTimeout(() => {
        fail('ECONNABORTED', `timeout of ${timeout}ms exceeded`);
        req.destroy();
      }, timeout);
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        fail(error.code ?? 'transport', error.message);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          fail(error.code ?? 'transport', error.message);
        });
        res.on('end', () => {
          clearTimeout(timer);
          // A string body, as axios leaves a non-JSON answer: the SDK parses JSON bodies itself (Version.create/fetch).
          const body = Buffer.concat(chunks).toString('utf8') as unknown as TData;
          resolve({ statusCode: res.statusCode ?? 0, body, headers: res.headers });
        });
      });
      req.end(payload);
    });
  }
}

/** application/x-www-form-urlencoded as the SDK sends it: arrays repeat their key, undefined is left out. */
function formEncode(data: Record<string, Sendable | Sendable[]>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) form.append(key, v === null ? '' : String(v));
  }
  return form.toString();
}
