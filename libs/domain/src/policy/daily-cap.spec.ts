import { capAllows, localDayKey } from './daily-cap.js';

const VN = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => new Date(iso);

describe('daily cap', () => {
  it('keys the day by local midnight, not UTC', () => {
    expect(localDayKey(at('2025-03-10T16:59:59Z'), VN)).toBe('2025-03-10');
    expect(localDayKey(at('2025-03-10T17:00:00Z'), VN)).toBe('2025-03-11');
    expect(localDayKey(at('2025-03-10T17:00:00Z'), 'UTC')).toBe('2025-03-10');
  });

  it('allows up to the cap for normal and priority messages', () => {
    expect(capAllows(0, 3, 'normal')).toBe(true);
    expect(capAllows(2, 3, 'normal')).toBe(true);
    expect(capAllows(3, 3, 'normal')).toBe(false);
    expect(capAllows(5, 3, 'priority')).toBe(false);
    expect(capAllows(0, 0, 'normal')).toBe(false);
  });

  it('always allows emergency messages and has no cap when none is set', () => {
    expect(capAllows(100, 3, 'emergency')).toBe(true);
    expect(capAllows(1_000, null, 'normal')).toBe(true);
  });
});
