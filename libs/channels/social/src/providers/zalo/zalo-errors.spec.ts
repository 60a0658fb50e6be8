import { PermanentError, RetryableError } from '#domain/index.js';
import { zaloError } from './zalo-errors.js';

describe('Zalo error mapping', () => {
  it.each([
    [200, { error: -216, message: 'Access token is invalid' }, 'reconnect-needed', '-216'],
    [200, { error: -124, message: 'Access token has expired' }, 'reconnect-needed', '-124'],
    [200, { error: -14014, error_name: 'Invalid refresh token' }, 'reconnect-needed', '-14014'],
    [200, { error: -201, message: 'Parameter is invalid' }, 'bad-request', '-201'],
    [200, { error: -224, message: 'OA tier does not allow this' }, 'rejected', '-224'],
  ])('HTTP %s %j is permanent (%s)', (status, body, reason, code) => {
    const error = zaloError(status, body);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).reason).toBe(reason);
    expect(error.providerCode).toBe(code);
  });

  it('rate limits and server errors are retried, rate limits after a minute', () => {
    const limited = zaloError(200, { error: -32, message: 'Exceeded rate limit' });
    expect(limited).toBeInstanceOf(RetryableError);
    expect((limited as RetryableError).retryAfterMs).toBe(60_000);
    const down = zaloError(502, {});
    expect(down).toBeInstanceOf(RetryableError);
    expect(down.providerCode).toBe('http-502');
  });
});
