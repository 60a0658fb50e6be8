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

/** The period of equal length that ends the day before `period` starts. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const start = dayNumber('from', period.from);
  const length = dayNumber('to', period.to) - start + 1;
  return { from: iso(start - length), to: iso(start - 1) };
}
