import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { classifyTransportError, classifyTwilioResponse } from './twilio-errors.js';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * The SDK's own RequestClient with two additions at the HTTP boundary:
 *  - an optional base URL, so tests and demos point the real SDK at a local fake Twilio;
 *  - failures classified here, where the status, headers (Retry-After) and the socket state are
 *    still known; the SDK's RestException keeps none of them.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly apiBaseUrl: string | null;

  constructor(options: { apiBaseUrl?: string | null; timeoutMs?: number }) {
    super({ timeout: options.timeoutMs, keepAlive: true });
    this.apiBaseUrl = options.apiBaseUrl ? options.apiBaseUrl.replace(/\/+$/, '') : null;
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri =
      this.apiBaseUrl && opts.uri.startsWith(TWILIO_API_ORIGIN)
        ? this.apiBaseUrl + opts.uri.slice(TWILIO_API_ORIGIN.length)
        : opts.uri;
    const response = await super.request<TData>({ ...opts, uri }).catch((error: unknown) => {
      throw classifyTransportError(error);
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw classifyTwilioResponse(response.statusCode, response.body, response.headers);
    }
    return response;
  }
}
