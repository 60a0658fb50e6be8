import { dailyCapFor, localDayKey } from './daily-cap.js';

const VN = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => new Date(iso);

describe('daily cap', () => {
  it('keys the day by local midnight, not UTC', () => {
    expect(localDayKey(at('2025-03-10T16:59:59Z'), VN)).toBe('2025-03-10');
    expect(localDayKey(at('2025-03-10T17:00:00Z'), VN)).toBe('2025-03-11');
    expect(localDayKey(at('2025-03-10T17:00:00Z'), 'UTC')).toBe('2025-03-10');
  });

  it('holds normal and priority messages to the cap, none when no cap is set', () => {
    expect(dailyCapFor(3, 'normal')).toBe(3);
    expect(dailyCapFor(3, 'priority')).toBe(3);
    expect(dailyCapFor(0, 'normal')).toBe(0);
    expect(dailyCapFor(null, 'normal')).toBeNull();
  });

  it('never holds an emergency message to a cap', () => {
    expect(dailyCapFor(3, 'emergency')).toBeNull();
    expect(dailyCapFor(0, 'emergency')).toBeNull();
  });
});
