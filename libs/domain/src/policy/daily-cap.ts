import type { Priority } from '../content/content-model.js';
import { wallTimeOf } from '../schedule/zoned-time.js';

/** The subscriber's calendar day ('YYYY-MM-DD') in the zone: the daily cap resets at local midnight, not UTC. */
export function localDayKey(instant: Date, timeZone: string): string {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether one more non-emergency SMS fits in the subscriber's daily cap. `cap` null means no cap.
 * Emergency messages always pass: a warning of a flood must not be held back by the morning's news.
 */
export function capAllows(countToday: number, cap: number | null, priority: Priority): boolean {
  if (priority === 'emergency' || cap === null) return true;
  return countToday < cap;
}
