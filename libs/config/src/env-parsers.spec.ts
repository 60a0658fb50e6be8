import { baseUrl, bool, EnvRuleError, hexKey, int, match, oneOf, optionalMatch, optionalUrl, str, timeZone, url } from './env-parsers.js';

function ruleOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof EnvRuleError) return error.message;
    throw error;
  }
  throw new Error('expected the value to be refused');
}

describe('environment parsers', () => {
  it('int accepts whole numbers within bounds only', () => {
    expect(int({ min: 1, max: 10 })(' 7 ')).toBe(7);
    expect(ruleOf(() => int()('1.5'))).toBe('must be a whole number');
    expect(ruleOf(() => int()('12abc'))).toBe('must be a whole number');
    expect(ruleOf(() => int({ min: 1 })('-3'))).toBe('must be ≥ 1');
    expect(ruleOf(() => int({ max: 10 })('11'))).toBe('must be ≤ 10');
  });

  it('bool understands the usual spellings and nothing else', () => {
    expect(['1', 'true', 'YES', 'on'].map((v) => bool()(v))).toEqual([true, true, true, true]);
    expect(['0', 'false', 'No', 'off'].map((v) => bool()(v))).toEqual([false, false, false, false]);
    expect(ruleOf(() => bool()('maybe'))).toBe('must be true or false');
  });

  it('oneOf lists the allowed values', () => {
    expect(oneOf(['a', 'b'] as const)('b')).toBe('b');
    expect(ruleOf(() => oneOf(['a', 'b'] as const)('A'))).toBe('must be one of: a, b');
  });

  it('url checks the scheme', () => {
    expect(url(['redis', 'rediss'])('rediss://cache:6380/1')).toBe('rediss://cache:6380/1');
    expect(ruleOf(() => url(['redis'])('http://x'))).toBe('must be a URL with scheme redis');
    expect(ruleOf(() => url(['redis'])('localhost:6379'))).toBe('must be a URL with scheme redis');
    expect(ruleOf(() => url(['redis'])('::'))).toBe('must be a URL');
  });

  it('baseUrl checks the scheme and drops a trailing slash, as optionalUrl does when set', () => {
    expect(baseUrl(['https'])('https://graph.example/')).toBe('https://graph.example');
    expect(baseUrl(['https'])('https://graph.example/v1//')).toBe('https://graph.example/v1');
    expect(baseUrl(['https'])('https://graph.example/v1')).toBe('https://graph.example/v1');
    expect(ruleOf(() => baseUrl(['https'])('ftp://x/'))).toBe('must be a URL with scheme https');
    expect(optionalUrl(['https'])('https://api.example/')).toBe('https://api.example');
    expect(optionalUrl(['https'])('')).toBeNull();
  });

  it('match names the rule; optionalMatch also takes an empty value as unset', () => {
    expect(match(/^v\d+$/, 'a version such as v2')('v2')).toBe('v2');
    expect(ruleOf(() => match(/^v\d+$/, 'a version such as v2')(''))).toBe('must be a version such as v2');
    expect(optionalMatch(/^v\d+$/, 'a version such as v2')('')).toBeNull();
    expect(ruleOf(() => optionalMatch(/^v\d+$/, 'a version such as v2')('2'))).toBe('must be a version such as v2');
  });

  it('str enforces a minimum length', () => {
    expect(str({ minLength: 2 })('ab')).toBe('ab');
    expect(ruleOf(() => str({ minLength: 2 })('a'))).toBe('must be at least 2 characters long');
  });

  it('timeZone accepts IANA names only', () => {
    expect(timeZone()('Asia/Ho_Chi_Minh')).toBe('Asia/Ho_Chi_Minh');
    expect(ruleOf(() => timeZone()('Mars/Base'))).toBe('must be an IANA time zone such as Asia/Ho_Chi_Minh');
  });

  it('hexKey takes hex or base64 of exactly the given length', () => {
    const key = Buffer.alloc(32, 7);
    expect(hexKey(32)(key.toString('hex'))).toEqual(key);
    expect(hexKey(32)(key.toString('base64'))).toEqual(key);
    expect(ruleOf(() => hexKey(32)('abcd'))).toBe('must be 32 bytes, hex (64 characters) or base64');
  });
});
