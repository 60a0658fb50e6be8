import { PermanentError, RetryableError } from '#domain/index.js';
import type { FptAiConfig } from './fpt-ai.config.js';

/** FPT.AI's answer to a synthesis request: `async` is where the MP3 will appear; error 0 is success. */
interface FptAiAnswer {
  async?: string;
  error?: number;
  message?: string;
  request_id?: string;
}

export type Sleep = (ms: number) => Promise<void>;
const POLL_CAP_MS = 10_000;

/**
 * The HTTP side of FPT.AI Text-to-Speech v5: POST the text with the key, voice, speed and format
 * headers, then poll the returned link until the MP3 exists. Polling (not callback_url) because it
 * needs no public address: it works behind NAT and from a worker that has no inbound port.
 */
export class FptAiHttpClient {
  constructor(
    private readonly config: FptAiConfig,
    private readonly sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Asks for one piece of speech; answers the link its MP3 will be served at. */
  async request(text: string, voice: string, speed: number): Promise<string> {
    const response = await this.call(`${this.config.baseUrl}/hmi/tts/v5`, {
      method: 'POST',
      headers: { 'api-key': this.config.apiKey, voice, speed: String(speed), format: 'mp3', 'content-type': 'text/plain; charset=utf-8' },
      body: text,
    });
    const body = await response.text();
    if (!response.ok) throw classifyHttp(response, body);
    let answer: FptAiAnswer;
    try {
      answer = JSON.parse(body) as FptAiAnswer;
    } catch {
      throw new RetryableError('bad-answer', `FPT.AI answered something other than JSON: ${body.slice(0, 200)}`);
    }
    if (answer.error !== 0 || !answer.async) {
      throw new PermanentError(`fpt-${answer.error ?? 'no-link'}`, `FPT.AI refused the text: ${answer.message ?? body.slice(0, 200)}`, 'rejected');
    }
    return answer.async;
  }

  /**
   * Downloads the MP3 once it exists. Until then the link answers 404 (403 from its S3 bucket); both
   * mean "not yet" and are polled again with growing waits until FPT_AI_AUDIO_DEADLINE_MS.
   */
  async download(link: string): Promise<Buffer> {
    const deadline = Date.now() + this.config.audioDeadlineMs;
    let wait = this.config.pollIntervalMs;
    for (;;) {
      const response = await this.call(link, { method: 'GET' });
      if (response.ok) {
        const mp3 = Buffer.from(await response.arrayBuffer());
        if (mp3.length > 0) return mp3;
      } else if (response.status !== 404 && response.status !== 403 && response.status < 500) {
        throw classifyHttp(response, await response.text());
      } else {
        await response.body?.cancel();
      }
      if (Date.now() + wait > deadline) {
        throw new RetryableError('audio-not-ready', `FPT.AI's audio was not ready within ${this.config.audioDeadlineMs / 1000} s`);
      }
      await this.sleep(wait);
      wait = Math.min(Math.round(wait * 1.5), POLL_CAP_MS);
    }
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new RetryableError('timeout', `FPT.AI did not answer within ${this.config.timeoutMs} ms`);
      }
      throw new RetryableError(e.cause?.code ?? 'network', `FPT.AI could not be reached: ${e.message}`);
    }
  }
}

/** Throttling and server errors come back later; a refused key or request does not. */
function classifyHttp(response: Response, body: string): Error {
  const status = response.status;
  const detail = `FPT.AI answered HTTP ${status}: ${body.slice(0, 200)}`;
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return new RetryableError('http-429', detail, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  }
  if (status >= 500 || status === 408) return new RetryableError(`http-${status}`, detail);
  if (status === 401 || status === 403) return new PermanentError(`http-${status}`, detail, 'unauthorized');
  return new PermanentError(`http-${status}`, detail, 'bad-request');
}
