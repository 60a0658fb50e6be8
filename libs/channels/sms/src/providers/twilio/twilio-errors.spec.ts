import { OutcomeUnknownError, PermanentError, RetryableError } from '#domain/index.js';
import { classifyTransportError, classifyTwilioResponse, parseRetryAfter } from './twilio-errors.js';

describe('classifyTwilioResponse', () => {
  it.each([
    [429, { code: 20429, message: 'Too Many Requests' }, '20429'],
    [429, undefined, 'http-429'],
    [400, { code: 20429 }, '20429'],
    [500, { code: 20500 }, '20500'],
    [502, '<html>Bad Gateway</html>', 'http-502'],
    [503, { code: 20503 }, '20503'],
  ])('HTTP %i %j is retryable (%s)', (status, body, code) => {
    const error = classifyTwilioResponse(status, body);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe(code);
  });

  it.each([
    [400, 21610, 'opted-out'],
    [400, 21211, 'invalid-endpoint'],
    [400, 21614, 'invalid-endpoint'],
    [400, 21408, 'rejected'],
    [401, 20003, 'unauthorized'],
    [403, 20403, 'unauthorized'],
    [400, 21602, 'bad-request'],
    [404, 20404, 'bad-request'],
  ])('HTTP %i code %i is permanent: %s', (status, code, reason) => {
    const error = classifyTwilioResponse(status, { code, message: 'm', more_info: 'x', status });
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: String(code), reason, message: 'm' });
  });

  it('reads a JSON body given as text', () => {
    expect(classifyTwilioResponse(400, '{"code":21610,"message":"unsubscribed"}')).toMatchObject({
      providerCode: '21610',
      reason: 'opted-out',
      message: 'unsubscribed',
    });
  });

  it('carries Retry-After on retryable answers', () => {
    expect(classifyTwilioResponse(429, { code: 20429 }, { 'retry-after': '3' })).toMatchObject({ retryAfterMs: 3_000 });
    expect(classifyTwilioResponse(503, {}, { 'retry-after': ['1'] })).toMatchObject({ retryAfterMs: 1_000 });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-03-10T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 10 Mar 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 09 Mar 2025 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('classifyTransportError', () => {
  it('retries when the request never left (refused, DNS, connect timeout)', () => {
    const error = classifyTransportError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', request: { writableFinished: false } });
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe('ECONNREFUSED');
  });

  it('reports an unknown outcome when the request was written and no answer came', () => {
    const error = classifyTransportError({ code: 'ECONNABORTED', message: 'timeout', request: { writableFinished: true } });
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.providerCode).toBe('ECONNABORTED');
  });

  it('assumes the worst when it cannot tell', () => {
    expect(classifyTransportError(new Error('weird'))).toBeInstanceOf(OutcomeUnknownError);
    expect(classifyTransportError(undefined)).toMatchObject({ providerCode: 'transport' });
  });
});
