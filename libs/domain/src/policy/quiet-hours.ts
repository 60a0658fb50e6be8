import type { FieldProblem } from '../errors.js';
import { wallTimeFromFloating, wallTimeOf, zonedWallTimeToUtc } from '../schedule/zoned-time.js';

/**
 * A nightly window (local wall time, 'HH:mm' or Postgres's 'HH:mm:ss') in which a channel stays
 * silent. Quiet hours delay, never drop: a delivery due inside the window goes out when it ends. Emergency broadcasts bypass
 * the window; that decision belongs to the caller, which simply does not ask.
 */
export interface QuietHours {
  start: string;
  end: string;
}

/** Issue 3: no SMS between 21:00 and 07:00 local time unless a unit configures otherwise. */
export const DEFAULT_SMS_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00' };

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

function secondsOf(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new RangeError(`Invalid quiet-hours time "${time}" (expected HH:mm)`);
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

export function validateQuietHours(quietHours: QuietHours, field = 'quietHours'): FieldProblem[] {
  return (['start', 'end'] as const)
    .filter((key) => !TIME_OF_DAY.test(quietHours[key]))
    .map((key) => ({
      field: `${field}.${key}`,
      rule: 'time-of-day',
      message: 'Giờ phải có dạng HH:mm, từ 00:00 đến 23:59',
    }));
}

/** Whether the quiet window holding this local second of the day ends tomorrow, or null when it is outside. */
function quietWindowEndsTomorrow(secondOfDay: number, start: number, end: number): boolean | null {
  if (start === end) return null;
  if (start < end) return secondOfDay >= start && secondOfDay < end ? false : null;
  // The window spans midnight: the evening half ends tomorrow, the early-morning half today.
  if (secondOfDay >= start) return true;
  if (secondOfDay < end) return false;
  return null;
}

export function isInQuietHours(instant: Date, quietHours: QuietHours, timeZone: string): boolean {
  return nextAllowedInstant(instant, quietHours, timeZone).getTime() !== instant.getTime();
}

/** The instant itself when the channel may speak, otherwise the end of the quiet window (as UTC). */
export function nextAllowedInstant(instant: Date, quietHours: QuietHours, timeZone: string): Date {
  const wall = wallTimeOf(instant, timeZone);
  const endSecond = secondsOf(quietHours.end);
  const secondOfDay = wall.hour * 3600 + wall.minute * 60 + wall.second;
  const tomorrow = quietWindowEndsTomorrow(secondOfDay, secondsOf(quietHours.start), endSecond);
  if (tomorrow === null) return instant;
  // Date.UTC on the wall date plus the end's seconds: calendar arithmetic without zone effects.
  const endFloating = Date.UTC(wall.year, wall.month - 1, wall.day + (tomorrow ? 1 : 0)) + endSecond * 1000;
  const end = zonedWallTimeToUtc(wallTimeFromFloating(endFloating), timeZone);
  // Never earlier than asked, whatever a daylight-saving fold does to the wall clock.
  return end.getTime() > instant.getTime() ? end : instant;
}
