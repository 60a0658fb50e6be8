import { deviceTokenKind, hashDeviceToken, issueDeviceToken } from './device-token.js';

describe('device tokens', () => {
  it('issues distinct, recognisable tokens whose hash is stored instead of the token', () => {
    const a = issueDeviceToken('station');
    const b = issueDeviceToken('board');
    expect(a.token).toMatch(/^tcs_st_[\w-]{32}$/);
    expect(deviceTokenKind(b.token)).toBe('board');
    expect(a.hash).toBe(hashDeviceToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toBe(b.hash);
  });
});
