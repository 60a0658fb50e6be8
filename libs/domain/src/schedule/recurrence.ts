import rrulePackage from 'rrule';
import { InvalidInputError, type FieldProblem } from '../errors.js';
import { isRruleTextProblem, MAX_COUNT, parseRruleText, type ParsedRruleText } from './rrule-text.js';
import {
  floatingMs,
  isValidTimeZone,
  wallTimeFromFloating,
  wallTimeOf,
  zonedWallTimeToUtc,
  zoneOffsetMs,
  type WallTime,
} from './zoned-time.js';

const { RRule } = rrulePackage;

export interface OneOffSchedule {
  kind: 'once';
  at: Date;
}

/**
 * A recurring schedule with an end (COUNT or UNTIL, in the rule or as a field; not both).
 * The rule runs on the zone's wall clock: "daily at 07:30" stays 07:30 local across DST changes.
 */
export interface RecurringSchedule {
  kind: 'recurring';
  /** RFC 5545 RRULE value without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO,WE". */
  rrule: string;
  /** Local wall time of the first occurrence, 'YYYY-MM-DDTHH:mm[:ss]'. */
  startsAt: string;
  timeZone: string;
  until?: Date | null;
  count?: number | null;
}

export type Schedule = OneOffSchedule | RecurringSchedule;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;
const NO_OCCURRENCE_HORIZON_MS = 3_653 * DAY_MS;

export function parseWallTime(text: string): WallTime | null {
  const m = WALL_TIME.exec(text);
  if (!m) return null;
  const wall = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  };
  const back = wallTimeFromFloating(floatingMs(wall));
  return (Object.keys(wall) as (keyof WallTime)[]).every((k) => back[k] === wall[k]) ? wall : null;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

interface CheckedRecurrence {
  rule: ParsedRruleText;
  start: WallTime;
  /** UNTIL as a floating local wall time. */
  untilFloating: number | null;
  count: number | null;
}

function checkRecurring(s: RecurringSchedule, field: string): CheckedRecurrence | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (name: string, rule: string, message: string) => {
    problems.push({ field: `${field}.${name}`, rule, message });
  };
  if (!isValidTimeZone(s.timeZone)) problem('timeZone', 'time-zone', 'Múi giờ không hợp lệ (ví dụ Asia/Ho_Chi_Minh)');
  const start = parseWallTime(s.startsAt);
  if (!start) problem('startsAt', 'wall-time', 'Thời điểm bắt đầu phải có dạng YYYY-MM-DDTHH:mm (giờ địa phương)');
  const parsed = parseRruleText(s.rrule ?? '');
  if (isRruleTextProblem(parsed)) problem('rrule', parsed.rule, parsed.message);
  if (s.until != null && !isValidDate(s.until)) problem('until', 'date', 'Ngày kết thúc không hợp lệ');
  if (s.count != null && !(Number.isInteger(s.count) && s.count >= 1 && s.count <= MAX_COUNT)) {
    problem('count', 'range', `Số lần lặp phải từ 1 đến ${MAX_COUNT}`);
  }
  if (problems.length > 0 || !start || isRruleTextProblem(parsed)) return problems;

  const count = s.count ?? parsed.count;
  let untilFloating: number | null = null;
  if (s.until != null) {
    untilFloating = s.until.getTime() + zoneOffsetMs(s.until, s.timeZone);
  } else if (parsed.until) {
    // RFC 5545: a UTC UNTIL is an instant; a floating one is already the zone's wall time.
    const u = parsed.until;
    untilFloating = u.utc ? u.floatingMs + zoneOffsetMs(new Date(u.floatingMs), s.timeZone) : u.floatingMs;
  }
  const hasUntil = s.until != null || parsed.until !== null;
  const hasCount = s.count != null || parsed.count !== null;
  if (!hasUntil && !hasCount) {
    problem('rrule', 'open-ended', 'Lịch lặp phải có điểm kết thúc: số lần lặp (COUNT) hoặc ngày kết thúc (UNTIL)');
  } else if (hasUntil && hasCount) {
    problem('rrule', 'count-and-until', 'Chỉ chọn một cách kết thúc: số lần lặp hoặc ngày kết thúc, không cả hai');
  } else if (s.count != null && parsed.count !== null) {
    problem('count', 'duplicate', 'Số lần lặp đã ghi trong quy tắc lặp (COUNT)');
  } else if (s.until != null && parsed.until !== null) {
    problem('until', 'duplicate', 'Ngày kết thúc đã ghi trong quy tắc lặp (UNTIL)');
  } else if (untilFloating !== null && untilFloating < floatingMs(start)) {
    problem('until', 'before-start', 'Ngày kết thúc phải sau thời điểm bắt đầu');
  }
  return problems.length > 0 ? problems : { rule: parsed, start, untilFloating, count };
}

function buildRule(checked: CheckedRecurrence) {
  const text = [...checked.rule.parts]
    .filter(([key]) => key !== 'UNTIL' && key !== 'COUNT')
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
  const options = RRule.parseString(text);
  // The rule runs on floating dates: UTC fields hold the zone's wall time.
  return new RRule({
    ...options,
    dtstart: new Date(floatingMs(checked.start)),
    until: checked.untilFloating === null ? null : new Date(checked.untilFloating),
    count: checked.count,
  });
}

/** Problems with a schedule, each naming its field (`schedule.rrule`, `schedule.startsAt`...); empty when valid. */
export function validateSchedule(schedule: Schedule, field = 'schedule'): FieldProblem[] {
  if (schedule.kind === 'once') {
    if (isValidDate(schedule.at)) return [];
    return [{ field: `${field}.at`, rule: 'date', message: 'Thời điểm phát không hợp lệ' }];
  }
  const checked = checkRecurring(schedule, field);
  if (Array.isArray(checked)) return checked;
  // Bounded look-ahead: an impossible rule (30 February) would otherwise be searched until year 9999.
  const start = floatingMs(checked.start);
  let found = false;
  buildRule(checked).between(new Date(start), new Date(start + NO_OCCURRENCE_HORIZON_MS), true, () => {
    found = true;
    return false;
  });
  if (!found) {
    const message = 'Lịch lặp không có lần phát nào trong 10 năm tới';
    return [{ field: `${field}.rrule`, rule: 'no-occurrences', message }];
  }
  return [];
}

/**
 * Occurrences (UTC) in [fromUtc, toUtc), ascending, at most `limit`. Throws InvalidInputError for
 * an invalid schedule. The search window is widened by a day on the floating clock so that zone
 * offsets never hide an occurrence at its edges; results are then filtered on real instants.
 */
export function expandOccurrences(schedule: Schedule, fromUtc: Date, toUtc: Date, limit: number): Date[] {
  if (schedule.kind === 'once') {
    const problems = validateSchedule(schedule);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const at = schedule.at.getTime();
    return limit > 0 && at >= fromUtc.getTime() && at < toUtc.getTime() ? [schedule.at] : [];
  }
  const checked = checkRecurring(schedule, 'schedule');
  if (Array.isArray(checked)) throw new InvalidInputError(checked);
  if (limit <= 0 || toUtc.getTime() <= fromUtc.getTime()) return [];

  const tz = schedule.timeZone;
  const floatFrom = new Date(fromUtc.getTime() + zoneOffsetMs(fromUtc, tz) - DAY_MS);
  const floatTo = new Date(toUtc.getTime() + zoneOffsetMs(toUtc, tz) + DAY_MS);
  const out: Date[] = [];
  buildRule(checked).between(floatFrom, floatTo, true, (floating) => {
    const utc = zonedWallTimeToUtc(wallTimeFromFloating(floating.getTime()), tz);
    const t = utc.getTime();
    // Two wall times can meet on one instant when a DST gap pushes one forward.
    if (t >= fromUtc.getTime() && t < toUtc.getTime() && out.at(-1)?.getTime() !== t) out.push(utc);
    return out.length < limit;
  });
  return out;
}

/** Where the search for a schedule's next occurrence stops. */
const FAR_FUTURE = new Date('2200-01-01T00:00:00Z');

/** The next `limit` occurrences from `fromUtc` on, wherever they fall. */
export function nextOccurrences(schedule: Schedule, fromUtc: Date, limit: number): Date[] {
  return expandOccurrences(schedule, fromUtc, FAR_FUTURE, limit);
}

/**
 * What to materialise of a schedule now: its occurrences in [fromUtc, horizonUtc), at most `limit`,
 * and whether none follows them (the schedule is then fully expanded; otherwise a later pass, from
 * the last one written, continues). A schedule whose first occurrence lies past the horizon gives
 * none yet and is not exhausted.
 */
export function expandAhead(schedule: Schedule, fromUtc: Date, horizonUtc: Date, limit: number): { due: Date[]; exhausted: boolean } {
  const due = expandOccurrences(schedule, fromUtc, horizonUtc, limit);
  const last = due.at(-1);
  return { due, exhausted: nextOccurrences(schedule, last ? new Date(last.getTime() + 1) : fromUtc, 1).length === 0 };
}

/** The local wall time of an instant in the schedule's zone, 'YYYY-MM-DDTHH:mm:ss' (for display and tests). */
export function formatWallTime(instant: Date, timeZone: string): string {
  const w = wallTimeOf(instant, timeZone);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}
