import { deviceTokenKind, hashDeviceToken, issueDeviceToken, sameHash } from './device-token.js';

describe('device tokens', () => {
  it('issues distinct, recognisable tokens whose hash is stored instead of the token', () => {
    const a = issueDeviceToken('station');
    const b = issueDeviceToken('board');
    expect(a.token).toMatch(/^tcs_st_[\w-]{32}$/);
    expect(deviceTokenKind(b.token)).toBe('board');
    expect(a.hash).toBe(hashDeviceToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(sameHash(a.hash, hashDeviceToken(a.token))).toBe(true);
    expect(sameHash(a.hash, b.hash)).toBe(false);
  });
});
