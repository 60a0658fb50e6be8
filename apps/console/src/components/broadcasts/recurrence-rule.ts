import { isRruleTextProblem, parseRruleText } from '../../../../../libs/domain/src/schedule/rrule-text';
import { dayjs } from '../../lib/time';

/** What the recurrence builder edits; `toRrule` turns it into the RRULE the API takes. */
export interface RecurrenceValue {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** Weekly only: MO..SU. */
  byDay: string[];
  end: 'count' | 'until';
  count: number;
  /** Last day, 'YYYY-MM-DD' in the unit's zone. */
  untilDate: string | null;
}

export const WEEKDAYS: { code: string; short: string; long: string }[] = [
  { code: 'MO', short: 'T2', long: 'Thứ Hai' },
  { code: 'TU', short: 'T3', long: 'Thứ Ba' },
  { code: 'WE', short: 'T4', long: 'Thứ Tư' },
  { code: 'TH', short: 'T5', long: 'Thứ Năm' },
  { code: 'FR', short: 'T6', long: 'Thứ Sáu' },
  { code: 'SA', short: 'T7', long: 'Thứ Bảy' },
  { code: 'SU', short: 'CN', long: 'Chủ Nhật' },
];

/** dayjs day() (0 = Sunday) to the RRULE weekday code. */
export function weekdayCode(date: dayjs.Dayjs): string {
  return WEEKDAYS[(date.day() + 6) % 7].code;
}

export function defaultRecurrence(start: dayjs.Dayjs | null): RecurrenceValue {
  return { freq: 'WEEKLY', interval: 1, byDay: start ? [weekdayCode(start)] : ['MO'], end: 'count', count: 4, untilDate: null };
}

export function toRrule(value: RecurrenceValue): string {
  const parts = [`FREQ=${value.freq}`];
  if (value.interval > 1) parts.push(`INTERVAL=${value.interval}`);
  if (value.freq === 'WEEKLY' && value.byDay.length) {
    parts.push(`BYDAY=${WEEKDAYS.filter((d) => value.byDay.includes(d.code)).map((d) => d.code).join(',')}`);
  }
  return parts.join(';');
}

const UNIT_WORD: Record<string, string> = { DAILY: 'ngày', WEEKLY: 'tuần', MONTHLY: 'tháng', YEARLY: 'năm', HOURLY: 'giờ' };

/**
 * A recurring schedule read back in Vietnamese, e.g. "Hằng tuần vào Thứ Hai, Thứ Tư, lúc 07:30, từ
 * 07/12/2026, 10 lần". Reads the RRULE with the domain's strict parser, so what the officer reads is
 * what the API will be sent; null when the rule is not one the parser accepts.
 */
export function describeRecurrence(
  rrule: string,
  startsAt: string | null,
  end: { count?: number | null; untilDate?: string | null },
): string | null {
  const parsed = parseRruleText(rrule);
  if (isRruleTextProblem(parsed)) return null;
  const freq = parsed.parts.get('FREQ') ?? '';
  const interval = Number(parsed.parts.get('INTERVAL') ?? 1);
  const start = startsAt ? dayjs(startsAt) : null;
  const unit = UNIT_WORD[freq] ?? freq;
  const words: string[] = [interval > 1 ? `${interval} ${unit} một lần` : `Hằng ${unit}`];
  const byDay = parsed.parts.get('BYDAY');
  if (freq === 'WEEKLY') {
    const days = byDay ? byDay.split(',') : start ? [weekdayCode(start)] : [];
    const names = WEEKDAYS.filter((d) => days.includes(d.code)).map((d) => d.long);
    if (names.length) words[0] += ` vào ${names.join(', ')}`;
  }
  if (freq === 'MONTHLY' && start) words[0] += ` vào ngày ${start.date()}`;
  if (start) words.push(`lúc ${start.format('HH:mm')}`, `từ ${start.format('DD/MM/YYYY')}`);
  const count = end.count ?? parsed.count;
  if (count) words.push(`${count} lần`);
  else if (end.untilDate) words.push(`đến hết ngày ${dayjs(end.untilDate).format('DD/MM/YYYY')}`);
  else words.push('chưa có điểm kết thúc');
  return words.join(', ');
}
