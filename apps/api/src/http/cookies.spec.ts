import { readCookie, serializeCookie } from './cookies.js';

describe('cookies', () => {
  it('reads one cookie among several, decoding it, and nothing when absent', () => {
    expect(readCookie('a=1; tincoso_refresh=abc%2Bdef ; b="2"', 'tincoso_refresh')).toBe('abc+def');
    expect(readCookie('a=1; b="quoted"', 'b')).toBe('quoted');
    expect(readCookie('xtincoso_refresh=1', 'tincoso_refresh')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie('a=%E0%A4%A', 'a')).toBeUndefined();
  });

  it('writes the attributes in a fixed order, Secure only when asked', () => {
    const base = { path: '/p', maxAgeSeconds: 60.9, httpOnly: true, sameSite: 'Strict' as const, secure: false };
    expect(serializeCookie('n', 'a b', base)).toBe('n=a%20b; Max-Age=60; Path=/p; HttpOnly; SameSite=Strict');
    expect(serializeCookie('n', '', { ...base, maxAgeSeconds: 0, secure: true })).toBe('n=; Max-Age=0; Path=/p; HttpOnly; SameSite=Strict; Secure');
  });
});
