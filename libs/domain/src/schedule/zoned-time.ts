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
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  return wall;
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
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return floatingMs(wallTimeOf(new Date(whole), timeZone)) - whole;
}

const DAY_MS = 86_400_000;

/** The UTC instant showing this wall time in the zone. */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): Date {
  const local = floatingMs(wall);
  // Offsets a day either side frame any single transition near this wall time.
  const before = zoneOffsetMs(new Date(local - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(local + DAY_MS), timeZone);
  const candidates = [local - before, local - after].filter(
    (utc) => floatingMs(wallTimeOf(new Date(utc), timeZone)) === local,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // A gap: the wall time was skipped; the pre-transition offset lands as far past it as the gap is long.
  return new Date(local - before);
}
