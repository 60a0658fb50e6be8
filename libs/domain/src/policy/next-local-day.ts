import { localDayKey } from './daily-cap.js';
import { nextAllowedInstant, type QuietHours } from './quiet-hours.js';
import { zonedWallTimeToUtc } from '../schedule/zoned-time.js';

/**
 * When a deferred message may go on the next local day: local midnight of the following day, moved
 * past quiet hours (so a capped SMS goes at 07:00 tomorrow, not at 00:00).
 */
export function startOfNextSendingDay(instant: Date, timeZone: string, quietHours: QuietHours | null): Date {
  const [y, m, d] = localDayKey(instant, timeZone).split('-').map(Number);
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1));
  const midnight = zonedWallTimeToUtc(
    { year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 0, minute: 0, second: 0 },
    timeZone,
  );
  return quietHours ? nextAllowedInstant(midnight, quietHours, timeZone) : midnight;
}
