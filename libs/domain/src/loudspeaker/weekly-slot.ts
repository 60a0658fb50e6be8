import type { FieldProblem } from '../errors.js';
import { floatingMs, steadyOffsetMs, wallTimeFromFloating, wallTimeOf, zonedWallTimeToUtc } from '../schedule/zoned-time.js';

/**
 * A weekly program slot as radio automation systems describe it: days of week (1 = Monday … 7 =
 * Sunday), a local start and end time, an optional date range. An end at or before the start means
 * the slot spans midnight and ends on the next day; the day of week and the date range refer to
 * the day the slot starts.
 */
export interface WeeklySlot {
  id: string;
  label: string;
  daysOfWeek: number[];
  /** HH:MM, local time of the station's unit. */
  startTime: string;
  endTime: string;
  /** YYYY-MM-DD, inclusive; null = open. */
  validFrom: string | null;
  validUntil: string | null;
}

/** One concrete airing of a slot. Capacity is the slot's length: items fill it back to back. */
export interface SlotWindow {
  slotId: string;
  start: Date;
  end: Date;
  capacityMs: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const WEEK_MIN = 7 * 1440;

function minutes(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new Error(`invalid time ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Slot length in minutes; an end at or before the start wraps past midnight. */
function slotLengthMinutes(slot: Pick<WeeklySlot, 'startTime' | 'endTime'>): number {
  const start = minutes(slot.startTime);
  const end = minutes(slot.endTime);
  return end > start ? end - start : end + 1440 - start;
}

export function validateSlot(slot: Omit<WeeklySlot, 'id'>, field = 'slot'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (slot.daysOfWeek.length === 0 || slot.daysOfWeek.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push({ field: `${field}.daysOfWeek`, rule: 'days', message: 'Chọn ít nhất một ngày trong tuần (1 = thứ Hai … 7 = Chủ nhật)' });
  }
  for (const key of ['startTime', 'endTime'] as const) {
    if (!TIME.test(slot[key])) problems.push({ field: `${field}.${key}`, rule: 'time', message: 'Giờ phải có dạng HH:MM' });
  }
  if (problems.length === 0 && slot.startTime === slot.endTime) {
    problems.push({ field: `${field}.endTime`, rule: 'length', message: 'Giờ kết thúc phải khác giờ bắt đầu' });
  }
  for (const key of ['validFrom', 'validUntil'] as const) {
    const v = slot[key];
    if (v !== null && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) {
      problems.push({ field: `${field}.${key}`, rule: 'date', message: 'Ngày phải có dạng YYYY-MM-DD' });
    }
  }
  if (slot.validFrom && slot.validUntil && slot.validFrom > slot.validUntil) {
    problems.push({ field: `${field}.validUntil`, rule: 'range', message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  }
  return problems;
}

/** Intervals of the week (minutes from Monday 00:00) the slot occupies, split where they wrap. */
function weekIntervals(slot: WeeklySlot): [number, number][] {
  const start = minutes(slot.startTime);
  const length = slotLengthMinutes(slot);
  const out: [number, number][] = [];
  for (const day of new Set(slot.daysOfWeek)) {
    const from = (day - 1) * 1440 + start;
    const to = from + length;
    if (to <= WEEK_MIN) out.push([from, to]);
    else out.push([from, WEEK_MIN], [0, to - WEEK_MIN]);
  }
  return out;
}

function spansMidnight(slot: WeeklySlot): boolean {
  return minutes(slot.endTime) <= minutes(slot.startTime);
}

function rangesMeet(a: WeeklySlot, b: WeeklySlot): boolean {
  // A slot spanning midnight reaches one day past its date range.
  const aEnd = a.validUntil ? addDays(a.validUntil, spansMidnight(a) ? 1 : 0) : null;
  const bEnd = b.validUntil ? addDays(b.validUntil, spansMidnight(b) ? 1 : 0) : null;
  if (aEnd && b.validFrom && aEnd < b.validFrom) return false;
  if (bEnd && a.validFrom && bEnd < a.validFrom) return false;
  return true;
}

/** True when the two slots could ever be on air at the same moment. */
export function slotsOverlap(a: WeeklySlot, b: WeeklySlot): boolean {
  if (!rangesMeet(a, b)) return false;
  const bi = weekIntervals(b);
  return weekIntervals(a).some(([s1, e1]) => bi.some(([s2, e2]) => s1 < e2 && s2 < e1));
}

/** The first existing slot the candidate clashes with, or null. */
export function findClash<T extends WeeklySlot>(candidate: WeeklySlot, existing: readonly T[]): T | null {
  return existing.find((s) => s.id !== candidate.id && slotsOverlap(candidate, s)) ?? null;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every airing of the slots that starts in [fromUtc, toUtc), in time order. */
export function expandSlots(slots: readonly WeeklySlot[], fromUtc: Date, toUtc: Date, timeZone: string): SlotWindow[] {
  const first = wallTimeOf(new Date(fromUtc.getTime() - DAY_MS), timeZone);
  const firstDay = Date.UTC(first.year, first.month - 1, first.day);
  const windows: SlotWindow[] = [];
  const times = new Map(slots.map((s) => [s, { startMs: minutes(s.startTime) * 60_000, lengthMs: slotLengthMinutes(s) * 60_000 }]));
  for (let day = firstDay; day <= toUtc.getTime() + DAY_MS; day += DAY_MS) {
    const dow = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    // The zone's offset when it holds from the day before to the day after (nearly always): wall
    // times of the day map by subtraction; otherwise each is converted on its own.
    const offset = steadyOffsetMs(day - DAY_MS, day + 2 * DAY_MS, timeZone);
    const toUtc_ = (floating: number) => (offset === null ? zonedWallTimeToUtc(wallTimeFromFloating(floating), timeZone) : new Date(floating - offset));
    let date: string | null = null;
    for (const slot of slots) {
      if (!slot.daysOfWeek.includes(dow)) continue;
      if (slot.validFrom || slot.validUntil) {
        date ??= new Date(day).toISOString().slice(0, 10);
        if ((slot.validFrom && date < slot.validFrom) || (slot.validUntil && date > slot.validUntil)) continue;
      }
      const { startMs, lengthMs } = times.get(slot)!;
      const start = toUtc_(day + startMs);
      if (start < fromUtc || start >= toUtc) continue;
      const end = toUtc_(day + startMs + lengthMs);
      windows.push({ slotId: slot.id, start, end, capacityMs: end.getTime() - start.getTime() });
    }
  }
  return windows.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The UTC bounds of a local calendar day (YYYY-MM-DD) in the zone. */
export function localDayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const day = Date.parse(`${date}T00:00:00Z`);
  return {
    from: zonedWallTimeToUtc(wallTimeFromFloating(day), timeZone),
    to: zonedWallTimeToUtc(wallTimeFromFloating(day + DAY_MS), timeZone),
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(floatingMs(wallTimeOf(instant, timeZone))).toISOString().slice(0, 10);
}
