import { canonicalRequest, headerProblem, signatureMatches, signRequest } from './request-signature.js';

const parts = { method: 'post', path: '/api/v1/systems/relays', timestamp: '1796000000', nonce: 'n0nce-0123456789abcdef', body: '{"title":"Bão số 3"}' };

describe('signed requests of upper-level systems', () => {
  it('signs method, path, timestamp, nonce and the body hash, one per line (the documented example)', () => {
    expect(canonicalRequest(parts)).toBe('POST\n/api/v1/systems/relays\n1796000000\nn0nce-0123456789abcdef\ncdc6e8c7dfc3117a9cf3891fb3980c378611a202f3365d538b42d82304da0a59');
    expect(signRequest('bí-mật', parts)).toBe('c4d0d2a7660c7419ed49411c2cf5e23d6b41b6cf693f2a2beca73e55d839975a');
  });

  it('matches only the exact request and secret', () => {
    const signature = signRequest('bí-mật', parts);
    expect(signatureMatches('bí-mật', parts, signature)).toBe(true);
    expect(signatureMatches('khác', parts, signature)).toBe(false);
    expect(signatureMatches('bí-mật', { ...parts, body: '{"title":"Bão số 4"}' }, signature)).toBe(false);
    expect(signatureMatches('bí-mật', { ...parts, path: '/api/v1/systems/relays?x=1' }, signature)).toBe(false);
    expect(signatureMatches('bí-mật', parts, signature.toUpperCase())).toBe(false);
    expect(signatureMatches('bí-mật', parts, 'abc')).toBe(false);
  });

  it('refuses missing headers, a malformed nonce and a timestamp outside ±300 s', () => {
    const now = new Date(1796000000 * 1000);
    const ok = { system: 'tcs_sys_1', timestamp: '1796000000', nonce: 'n0nce-0123456789abcdef', signature: 'ab' };
    expect(headerProblem(ok, now)).toBeNull();
    expect(headerProblem({ ...ok, timestamp: '1796000300' }, now)).toBeNull();
    expect(headerProblem({ ...ok, timestamp: '1796000301' }, now)).toEqual(expect.objectContaining({ header: 'X-Tincoso-Timestamp', rule: 'stale' }));
    expect(headerProblem({ ...ok, timestamp: '1795999699' }, now)).toEqual(expect.objectContaining({ rule: 'stale' }));
    expect(headerProblem({ ...ok, timestamp: '2026-12-03' }, now)).toEqual(expect.objectContaining({ rule: 'format' }));
    expect(headerProblem({ ...ok, nonce: 'short' }, now)).toEqual(expect.objectContaining({ header: 'X-Tincoso-Nonce', rule: 'format' }));
    expect(headerProblem({ ...ok, signature: undefined }, now)).toEqual(expect.objectContaining({ header: 'X-Tincoso-Signature', rule: 'required' }));
  });
});
