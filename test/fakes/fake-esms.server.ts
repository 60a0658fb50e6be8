import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGsmText } from '#domain/index.js';

/** What the fake does with the next send request (or with every request to one phone). */
export type FakeEsmsBehaviour =
  | { kind: 'ok' }
  /** HTTP 429 with Retry-After: the gateway's busy answer (eSMS documents no throttling CodeResult). */
  | { kind: 'throttle'; retryAfterSeconds?: number }
  /** HTTP 503 from the gateway. */
  | { kind: 'unavailable' }
  /** A 200 answer carrying this CodeResult (e.g. "108" invalid number, "146" wrong template, "103" balance). */
  | { kind: 'code'; code: string; message?: string }
  /** Accepts the message, then answers only after `ms` (longer than the client's timeout: the outcome is unknown). */
  | { kind: 'hang'; ms: number };

export const esmsBehaviours = {
  ok: (): FakeEsmsBehaviour => ({ kind: 'ok' }),
  throttle: (retryAfterSeconds?: number): FakeEsmsBehaviour => ({ kind: 'throttle', retryAfterSeconds }),
  unavailable: (): FakeEsmsBehaviour => ({ kind: 'unavailable' }),
  invalidNumber: (): FakeEsmsBehaviour => ({ kind: 'code', code: '108', message: 'Phone number is invalid' }),
  wrongTemplate: (): FakeEsmsBehaviour => ({ kind: 'code', code: '146', message: 'Sai template Brandname CSKH' }),
  code: (code: string, message?: string): FakeEsmsBehaviour => ({ kind: 'code', code, message }),
  hang: (ms: number): FakeEsmsBehaviour => ({ kind: 'hang', ms }),
};

export interface EsmsAcceptedMessage {
  smsId: string;
  phone: string;
  content: string;
  brandname: string | null;
  smsType: string;
  isUnicode: string;
  requestId: string | null;
  callbackUrl: string | null;
}

/** The report a callback carries (developers.esms.vn, "Callback Url", customer-care sample). */
export type EsmsReport = 'delivered' | 'failed' | 'rejected' | 'pending';

export const SEND_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';
const REQUIRED = ['ApiKey', 'SecretKey', 'Phone', 'Content', 'SmsType'] as const;
const OPTIONAL_STRINGS = ['Brandname', 'IsUnicode', 'Sandbox', 'RequestId', 'CallbackUrl', 'campaignid', 'SendDate'] as const;

/**
 * A local stand-in for eSMS.vn's customer-care send API: JSON POST with ApiKey/SecretKey in the body,
 * string-typed fields, CodeResult answers (100 + SMSID, 101 wrong keys, 104 unknown brandname, 108
 * bad number, 124 repeated RequestId, 146 wrong template), and delivery reports sent as GET to the
 * CallbackUrl with eSMS's parameters. Behaviour is scripted per call or per phone.
 */
export class FakeEsmsServer {
  readonly apiKey: string;
  readonly secretKey: string;
  readonly messages: EsmsAcceptedMessage[] = [];
  readonly requests: Record<string, unknown>[] = [];
  /** Brandnames this account registered; a send under another answers 104. */
  brandnames = new Set<string>(['UBND-TINH']);
  private readonly queue: FakeEsmsBehaviour[] = [];
  private readonly perPhone = new Map<string, FakeEsmsBehaviour>();
  private readonly requestIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private sequence = 0;

  private constructor() {
    this.apiKey = `FAKEAPIKEY${randomBytes(6).toString('hex').toUpperCase()}`;
    this.secretKey = `FAKESECRET${randomBytes(6).toString('hex').toUpperCase()}`;
  }

  static async start(): Promise<FakeEsmsServer> {
    const fake = new FakeEsmsServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next sends, in order, behave like this; then the per-phone and default behaviour apply. */
  enqueue(...behaviours: FakeEsmsBehaviour[]): void {
    this.queue.push(...behaviours);
  }

  forPhone(phone: string, behaviour: FakeEsmsBehaviour): void {
    this.perPhone.set(phone, behaviour);
  }

  reset(): void {
    this.messages.length = 0;
    this.requests.length = 0;
    this.queue.length = 0;
    this.perPhone.clear();
    this.requestIds.clear();
    this.brandnames = new Set(['UBND-TINH']);
  }

  /** Calls the message's CallbackUrl as eSMS does (HTTPS GET in production, its fields appended to the query). */
  async report(message: EsmsAcceptedMessage, outcome: EsmsReport): Promise<Response> {
    if (!message.callbackUrl) throw new Error('the message was sent without a CallbackUrl');
    return fetch(reportUrl(message.callbackUrl, message, outcome));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== SEND_PATH) return answer(res, 404, { error: 'Endpoint not found.' });
    if (!String(req.headers['content-type']).startsWith('application/json')) return answer(res, 415, { error: 'Invalid request' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'Invalid request' });
    }
    this.requests.push(body);
    const problem = shapeProblem(body);
    // eSMS's answer to a request it cannot read (its table: 99 "Invalid request").
    if (problem) return answer(res, 200, { error: `Invalid request: ${problem}` });
    if (body.ApiKey !== this.apiKey || body.SecretKey !== this.secretKey) return answer(res, 200, esmsError('101', 'Authorize Failed'));
    const phone = body.Phone as string;
    const behaviour = this.queue.shift() ?? this.perPhone.get(phone) ?? { kind: 'ok' };
    if (behaviour.kind === 'throttle') {
      res.setHeader('retry-after', String(behaviour.retryAfterSeconds ?? 1));
      return answer(res, 429, { error: 'Too many requests' });
    }
    if (behaviour.kind === 'unavailable') return answer(res, 503, { error: 'Service unavailable' });
    if (behaviour.kind === 'code') return answer(res, 200, esmsError(behaviour.code, behaviour.message ?? `error ${behaviour.code}`));
    if (!/^0\d{9,10}$/.test(phone)) return answer(res, 200, esmsError('108', 'Phone number is invalid'));
    if (body.SmsType === '2' && !this.brandnames.has(String(body.Brandname ?? ''))) return answer(res, 200, esmsError('104', 'Brand name code is not exist'));
    const requestId = typeof body.RequestId === 'string' && body.RequestId ? body.RequestId : null;
    if (requestId && this.requestIds.has(requestId)) return answer(res, 200, { ...esmsError('124', 'Request exist 1'), SendStatus: '5' });
    if (requestId) this.requestIds.add(requestId);
    const message: EsmsAcceptedMessage = {
      smsId: `${randomBytes(12).toString('hex')}${++this.sequence}`,
      phone,
      content: body.Content as string,
      brandname: (body.Brandname as string | undefined) ?? null,
      smsType: body.SmsType as string,
      isUnicode: (body.IsUnicode as string | undefined) ?? '0',
      requestId,
      callbackUrl: (body.CallbackUrl as string | undefined) ?? null,
    };
    this.messages.push(message);
    const ok = { CodeResult: '100', CountRegenerate: 0, SMSID: message.smsId };
    if (behaviour.kind === 'hang') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) answer(res, 200, ok);
      }, behaviour.ms);
      this.timers.add(timer);
      return;
    }
    answer(res, 200, ok);
  }
}

/** Why a body is not a request eSMS would take: a missing required field, or a field that is not a string. */
export function shapeProblem(body: Record<string, unknown>): string | null {
  for (const name of REQUIRED) if (typeof body[name] !== 'string' || body[name] === '') return `${name} is required (string)`;
  for (const name of OPTIONAL_STRINGS) if (body[name] !== undefined && typeof body[name] !== 'string') return `${name} must be a string`;
  if (!['2', '8'].includes(body.SmsType as string)) return `SmsType ${String(body.SmsType)} is not sent through this endpoint`;
  if (body.SmsType === '2' && !body.Brandname) return 'Brandname is required for SmsType 2';
  if (body.IsUnicode !== undefined && !['0', '1'].includes(body.IsUnicode as string)) return 'IsUnicode must be "0" or "1"';
  if (body.IsUnicode !== '1' && !isGsmText(body.Content as string)) return 'Content needs Unicode but IsUnicode is not "1"';
  if (typeof body.RequestId === 'string' && body.RequestId.length > 50) return 'RequestId is longer than 50 characters';
  if (body.CallbackUrl !== undefined && !/^https?:\/\//.test(body.CallbackUrl as string)) return 'CallbackUrl must be a URL';
  return null;
}

function esmsError(code: string, message: string) {
  return { CodeResult: code, CountRegenerate: 0, ErrorMessage: message };
}

/** The CallbackUrl with eSMS's report fields added (as URL parameters: a URL that had a query keeps it). */
export function reportUrl(callbackUrl: string, message: EsmsAcceptedMessage, outcome: EsmsReport): string {
  const url = new URL(callbackUrl);
  const status = { delivered: '5', failed: '5', rejected: '4', pending: '7' }[outcome];
  const fields: Record<string, string> = {
    SMSID: message.smsId,
    SendFailed: outcome === 'failed' || outcome === 'rejected' ? '1' : '0',
    SendStatus: status,
    SendSuccess: outcome === 'delivered' ? '1' : '0',
    TotalPrice: outcome === 'delivered' ? '800.0000' : '0.0000',
    TotalReceiver: '1',
    TotalSent: '1',
    RequestId: message.requestId ?? '',
    TypeId: message.smsType,
    telcoid: '1',
    phonenumber: message.phone,
    switchsmsid: '',
  };
  for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
  return url.toString();
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
