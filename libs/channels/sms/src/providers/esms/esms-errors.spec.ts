import { OutcomeUnknownError, PermanentError, RetryableError } from '#domain/index.js';
import { classifyEsmsAnswer, classifyHttpStatus, classifyTransportError, parseRetryAfter } from './esms-errors.js';

describe('eSMS error classification', () => {
  it.each([
    ['108', 'invalid-endpoint'],
    ['101', 'unauthorized'],
    ['140', 'unauthorized'],
    ['104', 'rejected'],
    ['146', 'rejected'],
    ['177', 'rejected'],
    ['99', 'rejected'],
    ['102', 'rejected'],
    ['999', 'bad-request'],
  ])('CodeResult %s is permanent (%s), keeping the code', (code, reason) => {
    const error = classifyEsmsAnswer({ CodeResult: code, ErrorMessage: 'x' });
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toEqual(expect.objectContaining({ providerCode: code, reason }));
  });

  it('retries a balance too low to send (103)', () => {
    expect(classifyEsmsAnswer({ CodeResult: '103' })).toEqual(expect.any(RetryableError));
  });

  it('reads a repeated RequestId (124) as our own earlier send whose answer was lost: outcome unknown', () => {
    expect(classifyEsmsAnswer({ CodeResult: '124', ErrorMessage: 'Request exist 1' })).toEqual(expect.any(OutcomeUnknownError));
  });

  it('an acceptance without SMSID is an unknown outcome (eSMS has the message)', () => {
    expect(classifyEsmsAnswer({ CodeResult: '100' })).toEqual(expect.objectContaining({ kind: 'outcome-unknown', providerCode: 'no-smsid' }));
  });

  it('an answer without CodeResult ({"error":"Invalid request"}) is a bad request', () => {
    expect(classifyEsmsAnswer({ error: 'Invalid request' })).toEqual(expect.objectContaining({ providerCode: 'invalid-request', reason: 'bad-request', message: 'Invalid request' }));
  });

  it('retries 429 and 5xx with the Retry-After asked for; 401/403 unauthorized; other 4xx bad requests', () => {
    expect(classifyHttpStatus(429, '3')).toEqual(expect.objectContaining({ kind: 'retryable', providerCode: 'http-429', retryAfterMs: 3000 }));
    expect(classifyHttpStatus(503)).toEqual(expect.objectContaining({ kind: 'retryable', retryAfterMs: undefined }));
    expect(classifyHttpStatus(403)).toEqual(expect.objectContaining({ kind: 'permanent', reason: 'unauthorized' }));
    expect(classifyHttpStatus(404)).toEqual(expect.objectContaining({ kind: 'permanent', reason: 'bad-request' }));
  });

  it('retries what never left, and calls the outcome unknown once the request was written', () => {
    expect(classifyTransportError('ECONNREFUSED', 'refused', false)).toEqual(expect.any(RetryableError));
    expect(classifyTransportError('ETIMEDOUT', 'timeout', true)).toEqual(expect.any(OutcomeUnknownError));
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
