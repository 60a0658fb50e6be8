/**
 * Strict reading of an RFC 5545 RRULE value (without DTSTART: the schedule's startsAt and timeZone
 * carry it). The `rrule` package accepts nonsense silently (FREQ=FOO, BYHOUR=25), so every part is
 * checked here first and reported in Vietnamese.
 */
export interface RruleTextProblem {
  rule: string;
  message: string;
}

export interface ParsedRruleText {
  /** The parts, upper-cased keys, in the order given (without any "RRULE:" prefix). */
  parts: Map<string, string>;
  /** UNTIL as written: a UTC instant (…Z) or a floating local wall time (YYYYMMDD[THHMMSS]). */
  until: { utc: boolean; floatingMs: number } | null;
  count: number | null;
}

/** MINUTELY and SECONDLY are refused: no broadcast repeats that often. */
const ALLOWED_FREQ = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'];
const FREQ_PROBLEM: RruleTextProblem = {
  rule: 'rrule-freq',
  message: 'Quy tắc lặp phải có FREQ là YEARLY, MONTHLY, WEEKLY, DAILY hoặc HOURLY',
};
export const MAX_COUNT = 10_000;

const DAY = '(MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, signed: boolean) => (value: string) =>
  value.split(',').every((item) => {
    if (!/^[+-]?\d{1,3}$/.test(item)) return false;
    const n = Number(item);
    return (signed || !/^[+-]/.test(item)) && Math.abs(n) >= min && Math.abs(n) <= max;
  });

const PART_CHECKS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => ALLOWED_FREQ.includes(v),
  INTERVAL: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_COUNT,
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v) && parseUntil(v) !== null,
  BYMINUTE: intList(0, 59, false),
  BYHOUR: intList(0, 23, false),
  BYDAY: (v) => v.split(',').every((d) => new RegExp(`^([+-]?\\d{1,2})?${DAY}$`).test(d)),
  BYMONTHDAY: intList(1, 31, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYMONTH: intList(1, 12, false),
  BYSETPOS: intList(1, 366, true),
  WKST: (v) => new RegExp(`^${DAY}$`).test(v),
};

function parseUntil(value: string): ParsedRruleText['until'] {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A date-only UNTIL includes the whole of that day.
  const [h, mi, s] = m[4] === undefined ? [23, 59, 59] : [Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const roundTrips =
    back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi;
  if (!roundTrips || s > 59) return null;
  return { utc: m[7] === 'Z', floatingMs: ms };
}

export function parseRruleText(text: string): ParsedRruleText | RruleTextProblem {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '' || /[\r\n]/.test(body)) {
    const message = 'Quy tắc lặp phải là một dòng RRULE, ví dụ FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10';
    return { rule: 'rrule-format', message };
  }
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const eq = piece.indexOf('=');
    const key = piece.slice(0, eq).trim().toUpperCase();
    const value = piece.slice(eq + 1).trim().toUpperCase();
    if (eq <= 0 || value === '') {
      return { rule: 'rrule-format', message: `Phần "${piece}" của quy tắc lặp không có dạng KHÓA=GIÁ_TRỊ` };
    }
    if (key === 'DTSTART' || key === 'TZID') {
      const message = 'Không ghi DTSTART/TZID trong quy tắc lặp: dùng thời điểm bắt đầu và múi giờ';
      return { rule: 'rrule-dtstart', message };
    }
    const check = Object.hasOwn(PART_CHECKS, key) ? PART_CHECKS[key] : undefined;
    if (!check) return { rule: 'rrule-unsupported', message: `Quy tắc lặp không hỗ trợ phần ${key}` };
    if (parts.has(key)) return { rule: 'rrule-format', message: `Phần ${key} xuất hiện hai lần trong quy tắc lặp` };
    if (key === 'FREQ' && !check(value)) return FREQ_PROBLEM;
    if (!check(value)) return { rule: 'rrule-value', message: `Giá trị ${key}=${value} không hợp lệ` };
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) return FREQ_PROBLEM;
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  const untilText = parts.get('UNTIL');
  return { parts, count, until: untilText ? parseUntil(untilText) : null };
}

export function isRruleTextProblem(value: ParsedRruleText | RruleTextProblem): value is RruleTextProblem {
  return 'rule' in value;
}
