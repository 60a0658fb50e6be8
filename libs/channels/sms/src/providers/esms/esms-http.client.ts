import http from 'node:http';
import https from 'node:https';
import { classifyTransportError } from './esms-errors.js';
import { keepAliveAgents, type KeepAliveAgents } from '../keep-alive-agents.js';

export interface EsmsHttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * JSON POSTs to eSMS over one keep-alive agent. node:http rather than fetch because the socket says
 * whether the request was fully written when a timeout or reset strikes, which decides between
 * retrying (eSMS cannot have it) and an unknown outcome (it may).
 */
export class EsmsHttpClient {
  private readonly agents: KeepAliveAgents;

  constructor(
    private readonly timeoutMs: number,
    maxSockets = 64,
  ) {
    this.agents = keepAliveAgents(maxSockets);
  }

  /** Rejects only with a classified DeliveryError (RetryableError or OutcomeUnknownError). */
  postJson(url: string, payload: unknown): Promise<EsmsHttpAnswer> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const body = JSON.stringify(payload);
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      });
      let settled = false;
      const fail = (code: string, message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(classifyTransportError(code, message, req.writableFinished));
      };
      const timer = setTimeout(() => {
        fail('ETIMEDOUT', `timeout of ${this.timeoutMs}ms exceeded`);
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'transport', error.message));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'transport', error.message));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
