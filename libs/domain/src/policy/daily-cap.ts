import type { Priority } from '../content/content-model.js';
import { wallTimeOf } from '../schedule/zoned-time.js';

/** The subscriber's calendar day ('YYYY-MM-DD') in the zone: the daily cap resets at local midnight, not UTC. */
export function localDayKey(instant: Date, timeZone: string): string {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The daily cap a message counts against: `cap` (null: none), but never for an emergency message, as
 * a warning of a flood must not be held back by the morning's news. The count itself is kept per phone
 * and local day in the database (SmsDeliveryRepository.countAgainstDailyCap), where concurrent batches
 * increment it atomically: a message passes while the phone's count before it is below the cap.
 */
export function dailyCapFor(cap: number | null, priority: Priority): number | null {
  return priority === 'emergency' ? null : cap;
}
