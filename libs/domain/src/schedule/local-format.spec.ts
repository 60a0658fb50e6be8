import { formatLocalDateTime, formatLocalTimestamp } from './local-format.js';

describe('local date-time formats', () => {
  it('writes HH:mm dd/MM/yyyy for sentences, with a 24-hour clock', () => {
    expect(formatLocalDateTime(new Date('2026-12-31T15:05:00Z'), 'Asia/Ho_Chi_Minh')).toBe('22:05 31/12/2026');
  });

  it('writes dd/MM/yyyy HH:mm:ss for spreadsheets, crossing the year in the zone', () => {
    expect(formatLocalTimestamp(new Date('2026-12-31T17:05:09Z'), 'Asia/Ho_Chi_Minh')).toBe('01/01/2027 00:05:09');
    expect(formatLocalTimestamp(new Date('2026-12-31T17:05:09Z'), 'UTC')).toBe('31/12/2026 17:05:09');
  });
});
