import { wallTimeOf } from './zoned-time.js';

const two = (n: number) => String(n).padStart(2, '0');

/** 'HH:mm dd/MM/yyyy' in the zone, 24-hour, as officers read times in a sentence. */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  const w = wallTimeOf(instant, timeZone);
  return `${two(w.hour)}:${two(w.minute)} ${two(w.day)}/${two(w.month)}/${w.year}`;
}

/** 'dd/MM/yyyy HH:mm:ss' in the zone, 24-hour, as a spreadsheet cell holds a moment (the audit export). */
export function formatLocalTimestamp(instant: Date, timeZone: string): string {
  const w = wallTimeOf(instant, timeZone);
  return `${two(w.day)}/${two(w.month)}/${w.year} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}
