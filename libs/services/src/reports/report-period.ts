import { InvalidInputError } from '#domain/index.js';

const DAY_MS = 86_400_000;
/** Ten years: enough for any report an officer files, and a bound on what one request reads. */
const MAX_DAYS = 3_660;

export interface ReportPeriod {
  from: string;
  to: string;
}

function dayNumber(field: 'from' | 'to', value: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new InvalidInputError([{ field, rule: 'date', message: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật' }]);
  }
  return ms / DAY_MS;
}

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A period of local days, both ends included; refuses one that ends before it starts. */
export function reportPeriod(from: string, to: string): ReportPeriod {
  const start = dayNumber('from', from);
  const end = dayNumber('to', to);
  if (end < start) {
    throw new InvalidInputError([{ field: 'to', rule: 'after-from', message: 'Ngày kết thúc không được trước ngày bắt đầu' }]);
  }
  if (end - start + 1 > MAX_DAYS) {
    throw new InvalidInputError([{ field: 'to', rule: 'range', message: `Kỳ báo cáo dài tối đa ${MAX_DAYS} ngày` }]);
  }
  return { from, to };
}

/**
 * The period just before `period`: when it is a run of whole calendar months (a month, a quarter, a
 * year: from a 1st to a month's last day), the same number of whole months before it (March → February,
 * Q2 → Q1, 2026 → 2025); otherwise the period of equal length that ends the day before it starts.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const months = wholeMonths(period);
  if (months !== null) {
    const [year, month] = period.from.split('-').map(Number);
    const startIndex = year * 12 + (month - 1) - months;
    const first = `${monthIso(startIndex)}-01`;
    const last = iso(dayNumber('from', `${monthIso(startIndex + months)}-01`) - 1);
    return { from: first, to: last };
  }
  const start = dayNumber('from', period.from);
  const length = dayNumber('to', period.to) - start + 1;
  return { from: iso(start - length), to: iso(start - 1) };
}

/** How many calendar months the period covers exactly, or null when it does not start on a 1st and end on a month's last day. */
function wholeMonths(period: ReportPeriod): number | null {
  const end = dayNumber('to', period.to);
  if (!period.from.endsWith('-01') || iso(end + 1).slice(8) !== '01') return null;
  const [fromYear, fromMonth] = period.from.split('-').map(Number);
  const [toYear, toMonth] = period.to.split('-').map(Number);
  return toYear * 12 + toMonth - (fromYear * 12 + fromMonth) + 1;
}

/** `YYYY-MM` of a month counted from year 0 (index = year × 12 + month − 1). */
function monthIso(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
