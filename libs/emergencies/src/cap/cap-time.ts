import type { CapDateTime } from './cap.model.js';

const CAP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
/** Asia/Ho_Chi_Minh has been UTC+7 all year since 1975. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** Why the text is not a CAP dateTime, or null when it is one (a real calendar date and time, a ±hh:mm offset). */
export function capDateTimeProblem(text: string): string | null {
  const m = CAP_DATE_TIME.exec(text);
  if (!m) return `"${text}" không đúng dạng YYYY-MM-DDThh:mm:ss±hh:mm (không phần lẻ giây, không "Z"; UTC viết "-00:00")`;
  const [year, month, day, hour, minute, second, , oh, om] = m.slice(1).map((v) => (v === '+' || v === '-' ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return `"${text}" không phải một ngày có thật`;
  if (hour > 23 || minute > 59 || second > 59) return `"${text}" không phải một giờ hợp lệ`;
  if (oh > 14 || om > 59 || (oh === 14 && om > 0)) return `"${text}" có độ lệch múi giờ ngoài khoảng ±14:00`;
  return null;
}

/** The instant a CAP dateTime names. Throws on text that is not one. */
export function capDateTimeToDate(text: CapDateTime): Date {
  const problem = capDateTimeProblem(text);
  if (problem) throw new RangeError(problem);
  return new Date(text.replace(/-00:00$/, '+00:00'));
}

/** A CAP dateTime for the instant, written in the given offset (Vietnam time by default), to the second. */
export function toCapDateTime(instant: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): CapDateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError('thời điểm không hợp lệ');
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
