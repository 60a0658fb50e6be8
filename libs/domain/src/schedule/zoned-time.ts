/**
 * Wall-clock time in an IANA zone and back, with Intl only. Zone-generic: daylight-saving gaps
 * move a wall time forward (02:30 that does not exist becomes 03:30) and folds take the earlier
 * instant, so a schedule neither skips nor repeats.
 */
export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const ms = instant.getTime();
  const offset = cachedOffset(ms, timeZone);
  return offset === null ? exactWallTime(instant, timeZone) : wallTimeFromFloating(Math.floor(ms / 1000) * 1000 + offset);
}

function exactWallTime(instant: Date, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  return wall;
}

function exactOffset(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return floatingMs(exactWallTime(new Date(whole), timeZone)) - whole;
}

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 200_000;
/** Per zone: the offset of each UTC hour in which it does not change (NaN: it changes in that hour). */
const offsetsByHour = new Map<string, Map<number, number>>();

/**
 * The zone's offset at `ms` from a per-hour cache, or null inside an hour in which the offset
 * changes (the caller asks Intl). Intl is exact but costs microseconds per call; planning converts
 * every airing of thousands of stations, and offsets change at most a few times a year.
 */
function cachedOffset(ms: number, timeZone: string): number | null {
  let hours = offsetsByHour.get(timeZone);
  if (!hours) offsetsByHour.set(timeZone, (hours = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const atStart = exactOffset(hour * HOUR_MS, timeZone);
    offset = atStart === exactOffset(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? atStart : Number.NaN;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? null : offset;
}

/** The wall time as if it were UTC: a "floating" timestamp used for arithmetic on wall times. */
export function floatingMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

export function wallTimeFromFloating(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return cachedOffset(instant.getTime(), timeZone) ?? exactOffset(instant.getTime(), timeZone);
}

const DAY_MS = 86_400_000;

/**
 * The zone's offset when it is the same at both floating instants (as if UTC) and so, zones changing
 * at most twice a year, all between them; null when it changes in between.
 */
export function steadyOffsetMs(fromFloating: number, toFloating: number, timeZone: string): number | null {
  const a = zoneOffsetMs(new Date(fromFloating), timeZone);
  return a === zoneOffsetMs(new Date(toFloating), timeZone) ? a : null;
}

/** The UTC instant showing this wall time in the zone. */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): Date {
  const local = floatingMs(wall);
  // Offsets a day either side frame any single transition near this wall time.
  const before = zoneOffsetMs(new Date(local - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(local + DAY_MS), timeZone);
  // No transition near it (nearly always): the one offset maps the wall time.
  if (before === after) return new Date(local - before);
  const candidates = [local - before, local - after].filter(
    (utc) => floatingMs(wallTimeOf(new Date(utc), timeZone)) === local,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // A gap: the wall time was skipped; the pre-transition offset lands as far past it as the gap is long.
  return new Date(local - before);
}
