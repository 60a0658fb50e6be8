import { nextAllowedInstant, type QuietHours } from './quiet-hours.js';
import { wallTimeOf, zonedWallTimeToUtc } from '../schedule/zoned-time.js';

/**
 * When a deferred message may go on the next local day: local midnight of the following day, moved
 * past quiet hours (so a capped SMS goes at 07:00 tomorrow, not at 00:00).
 */
export function startOfNextSendingDay(instant: Date, timeZone: string, quietHours: QuietHours | null): Date {
  const today = wallTimeOf(instant, timeZone);
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  const midnight = zonedWallTimeToUtc(
    { year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 0, minute: 0, second: 0 },
    timeZone,
  );
  return quietHours ? nextAllowedInstant(midnight, quietHours, timeZone) : midnight;
}
