import { startOfNextSendingDay } from './next-local-day.js';

describe('startOfNextSendingDay', () => {
  const tz = 'Asia/Ho_Chi_Minh';

  it('is 07:00 local tomorrow when SMS quiet hours end at 07:00', () => {
    // 2026-03-10 15:00 local (08:00Z) → 2026-03-11 07:00 local = 00:00Z
    expect(startOfNextSendingDay(new Date('2026-03-10T08:00:00Z'), tz, { start: '21:00', end: '07:00' }).toISOString()).toBe(
      '2026-03-11T00:00:00.000Z',
    );
  });

  it('crosses a month end and uses local, not UTC, days', () => {
    // 2026-01-31 23:30 local is 16:30Z on the 31st → next local day is 1 Feb, midnight local = 31 Jan 17:00Z
    expect(startOfNextSendingDay(new Date('2026-01-31T16:30:00Z'), tz, null).toISOString()).toBe('2026-01-31T17:00:00.000Z');
  });
});
