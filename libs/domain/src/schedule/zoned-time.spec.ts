import fc from 'fast-check';
import { wallTimeOf, zoneOffsetMs, zonedWallTimeToUtc, type WallTime } from './zoned-time.js';

/** Intl directly, as the cache's answers must equal it. */
function intlWallTime(instant: Date, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const ZONES = ['Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu'];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2031, 0, 1);

describe('zoned time (cached offsets)', () => {
  it('gives the wall time Intl gives, at any instant, in zones with and without daylight saving', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(wallTimeOf(new Date(ms), zone)).toEqual(intlWallTime(new Date(ms), zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact around a transition: every minute of New York\'s spring-forward and fall-back hours', () => {
    for (const start of [Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 10, 1, 5)]) {
      for (let ms = start; ms < start + 3 * 3_600_000; ms += 60_000) {
        expect(wallTimeOf(new Date(ms), 'America/New_York')).toEqual(intlWallTime(new Date(ms), 'America/New_York'));
      }
    }
  });

  it('round-trips wall times through the zone, offsets included', () => {
    const instant = Date.UTC(2026, 11, 4, 7, 30);
    expect(zoneOffsetMs(new Date(instant), 'Asia/Ho_Chi_Minh')).toBe(7 * 3_600_000);
    expect(zonedWallTimeToUtc(wallTimeOf(new Date(instant), 'Asia/Ho_Chi_Minh'), 'Asia/Ho_Chi_Minh').getTime()).toBe(instant);
    // The gap of New York's spring forward: 02:30 does not exist and lands at 03:30 (07:30Z).
    expect(zonedWallTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
