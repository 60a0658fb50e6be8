import { DEFAULT_SMS_QUIET_HOURS, isInQuietHours, nextAllowedInstant, validateQuietHours } from './quiet-hours.js';

const VN = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => new Date(iso);

describe('nextAllowedInstant (window across midnight, 21:00–07:00 in Vietnam, UTC+7)', () => {
  const night = DEFAULT_SMS_QUIET_HOURS;

  it.each([
    // [instant UTC, expected UTC, local time]
    ['2025-03-10T01:00:00Z', '2025-03-10T01:00:00Z'], // 08:00 local: allowed
    ['2025-03-10T00:00:00Z', '2025-03-10T00:00:00Z'], // 07:00 local: window end is allowed
    ['2025-03-10T13:59:59Z', '2025-03-10T13:59:59Z'], // 20:59:59 local: allowed
    ['2025-03-10T14:00:00Z', '2025-03-11T00:00:00Z'], // 21:00 local → 07:00 next day
    ['2025-03-10T16:30:00Z', '2025-03-11T00:00:00Z'], // 23:30 local → 07:00 next day
    ['2025-03-10T17:00:00Z', '2025-03-11T00:00:00Z'], // 00:00 local 11 March → 07:00 same day
    ['2025-03-10T23:59:00Z', '2025-03-11T00:00:00Z'], // 06:59 local → 07:00
    ['2025-12-31T15:00:00Z', '2026-01-01T00:00:00Z'], // 22:00 on New Year's Eve → 07:00 on 1 January
    ['2024-02-28T16:00:00Z', '2024-02-29T00:00:00Z'], // leap day
  ])('%s → %s', (instant, expected) => {
    expect(nextAllowedInstant(at(instant), night, VN).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('returns the very same instant when allowed and reports the quiet state', () => {
    const noon = at('2025-03-10T05:00:00Z');
    expect(nextAllowedInstant(noon, night, VN)).toBe(noon);
    expect(isInQuietHours(noon, night, VN)).toBe(false);
    expect(isInQuietHours(at('2025-03-10T15:00:00Z'), night, VN)).toBe(true);
  });
});

describe('nextAllowedInstant (window within one day)', () => {
  const lunch = { start: '11:30', end: '13:30' };

  it('delays to the end of the window on the same day', () => {
    expect(nextAllowedInstant(at('2025-03-10T04:30:00Z'), lunch, VN).toISOString()).toBe('2025-03-10T06:30:00.000Z');
    expect(nextAllowedInstant(at('2025-03-10T06:29:00Z'), lunch, VN).toISOString()).toBe('2025-03-10T06:30:00.000Z');
  });

  it('leaves instants before and after the window alone', () => {
    expect(nextAllowedInstant(at('2025-03-10T04:29:00Z'), lunch, VN).toISOString()).toBe('2025-03-10T04:29:00.000Z');
    expect(nextAllowedInstant(at('2025-03-10T06:30:00Z'), lunch, VN).toISOString()).toBe('2025-03-10T06:30:00.000Z');
  });

  it("accepts Postgres's HH:mm:ss times", () => {
    const pg = { start: '21:00:00', end: '07:00:00' };
    expect(nextAllowedInstant(at('2025-03-10T15:00:00Z'), pg, VN).toISOString()).toBe('2025-03-11T00:00:00.000Z');
    expect(validateQuietHours(pg)).toEqual([]);
  });

  it('treats start = end as no quiet hours', () => {
    const t = at('2025-03-10T15:00:00Z');
    expect(nextAllowedInstant(t, { start: '00:00', end: '00:00' }, VN)).toBe(t);
  });
});

describe('nextAllowedInstant in zones with daylight saving', () => {
  it('uses the offset in force when the window ends (Europe/Berlin, spring forward on 30 March 2025)', () => {
    // 22:00 CET (+1) on 29 March; 07:00 on 30 March is CEST (+2) = 05:00Z.
    expect(nextAllowedInstant(at('2025-03-29T21:00:00Z'), DEFAULT_SMS_QUIET_HOURS, 'Europe/Berlin').toISOString()).toBe(
      '2025-03-30T05:00:00.000Z',
    );
  });

  it('moves a window ending inside the DST gap forward (America/New_York, 9 March 2025 02:00 → 03:00)', () => {
    // Window 22:00–02:30: 02:30 does not exist that night; the first allowed instant is 03:30 EDT = 07:30Z.
    const result = nextAllowedInstant(at('2025-03-09T04:00:00Z'), { start: '22:00', end: '02:30' }, 'America/New_York');
    expect(result.toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });
});

describe('validateQuietHours', () => {
  it('accepts HH:mm and names each bad field', () => {
    expect(validateQuietHours({ start: '21:00', end: '07:00' })).toEqual([]);
    expect(validateQuietHours({ start: '24:00', end: '7:00' }, 'sms.quietHours')).toEqual([
      { field: 'sms.quietHours.start', rule: 'time-of-day', message: expect.stringContaining('HH:mm') },
      { field: 'sms.quietHours.end', rule: 'time-of-day', message: expect.stringContaining('HH:mm') },
    ]);
  });

  it('refuses to compute with an invalid window', () => {
    expect(() => nextAllowedInstant(new Date(), { start: '9pm', end: '07:00' }, VN)).toThrow(RangeError);
  });
});
