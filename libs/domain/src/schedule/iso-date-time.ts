/**
 * The date and time forms the API takes, checked against the calendar (no 30 February, no 24:00):
 * a calendar day `2026-12-04`, an instant with its offset `2026-12-04T14:30:00+07:00`, and a wall time
 * without one `2026-12-04T14:30` (only where a field says it is read in the unit's zone).
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  return m !== null && realDay(+m[1], +m[2], +m[3]);
}

/** An ISO 8601 date-time with `Z` or `±hh:mm`; without one it is refused, never guessed as UTC or server time. */
export function isInstant(value: string): boolean {
  const parts = dateTimeParts(value);
  return parts !== undefined && parts.offset !== undefined;
}

/** A date-time without offset (read in a zone the caller names); one with an offset is refused too. */
export function isWallDateTime(value: string): boolean {
  const parts = dateTimeParts(value);
  return parts !== undefined && parts.offset === undefined;
}

/** A date-time on a real day at a real time; `offset` is undefined when none was written. */
export function dateTimeParts(value: string): { offset?: string } | undefined {
  const m = DATE_TIME.exec(value);
  if (!m || !realDay(+m[1], +m[2], +m[3])) return undefined;
  if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return undefined;
  const offset = m[7];
  if (offset && offset !== 'Z' && (+offset.slice(1, 3) > 14 || +offset.slice(4, 6) > 59)) return undefined;
  return { offset };
}

function realDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
