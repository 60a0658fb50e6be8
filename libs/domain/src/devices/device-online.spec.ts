import { isOnline } from './device-online.js';

describe('device online flag', () => {
  it('flags a device offline once it has been silent too long, or never reported', () => {
    const now = new Date('2026-03-02T01:10:00Z');
    expect(isOnline(new Date('2026-03-02T01:06:00Z'), now, 300)).toBe(true);
    expect(isOnline(new Date('2026-03-02T01:05:00Z'), now, 300)).toBe(true);
    expect(isOnline(new Date('2026-03-02T01:04:59Z'), now, 300)).toBe(false);
    expect(isOnline(null, now, 300)).toBe(false);
  });
});
