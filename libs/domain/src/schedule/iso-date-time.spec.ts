import { isCalendarDay, isInstant, isWallDateTime } from './iso-date-time.js';

describe('ISO date and time forms', () => {
  it('takes real calendar days only', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', '2026-12-04T00:00Z'].map(isCalendarDay)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it('takes an instant only with its offset, on a real day and time', () => {
    expect(['2026-12-04T14:30:00+07:00', '2026-12-04T07:30Z', '2026-12-04T14:30:00.123-03:30'].map(isInstant)).toEqual([true, true, true]);
    expect(['2026-12-04T14:30', '2026-12-04T14:30:00', '2026-02-30T10:00:00+07:00', '2026-12-04T24:00:00Z', '2026-12-04T10:00+15:00', '2026-12-04'].map(isInstant)).toEqual([
      false, false, false, false, false, false,
    ]);
  });

  it('takes a wall time only without an offset', () => {
    expect(['2026-11-23T07:30', '2026-11-23T07:30:15'].map(isWallDateTime)).toEqual([true, true]);
    expect(['2026-11-23T07:30+07:00', '2026-11-31T07:30', '2026-11-23T07:60'].map(isWallDateTime)).toEqual([false, false, false]);
  });
});
