import { PermanentError, RetryableError } from '#domain/index.js';
import { graphError } from './graph-errors.js';

const body = (code: number, subcode?: number) => ({ error: { message: `code ${code}`, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}) } });

describe('Graph API error mapping', () => {
  it.each([
    [190, 463, '190/463'],
    [190, undefined, '190'],
    [102, undefined, '102'],
    [200, undefined, '200'],
    [10, undefined, '10'],
  ])('code %s (subcode %s) needs the page reconnected', (code, subcode, providerCode) => {
    const error = graphError(400, body(code, subcode));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).reason).toBe('reconnect-needed');
    expect(error.providerCode).toBe(providerCode);
  });

  it.each([4, 17, 32, 613])('code %s is a rate limit: back off at least a minute', (code) => {
    const error = graphError(400, body(code));
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(60_000);
  });

  it('transient codes and 5xx are retried; bad parameters and policy blocks are permanent', () => {
    expect(graphError(500, body(2))).toBeInstanceOf(RetryableError);
    expect(graphError(503, {})).toBeInstanceOf(RetryableError);
    expect((graphError(400, body(100)) as PermanentError).reason).toBe('bad-request');
    expect((graphError(400, body(368)) as PermanentError).reason).toBe('rejected');
  });
});
