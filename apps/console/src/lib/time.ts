import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/vi';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
dayjs.locale('vi');

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** dd/MM/yyyy in the given zone (the unit's). */
export function formatDate(value: string | Date | null | undefined, tz = DEFAULT_TIME_ZONE): string {
  return value ? dayjs(value).tz(tz).format('DD/MM/YYYY') : '—';
}

/** dd/MM/yyyy HH:mm, 24-hour clock, in the given zone. */
export function formatDateTime(value: string | Date | null | undefined, tz = DEFAULT_TIME_ZONE): string {
  return value ? dayjs(value).tz(tz).format('DD/MM/YYYY HH:mm') : '—';
}

export function formatTime(value: string | Date | null | undefined, tz = DEFAULT_TIME_ZONE): string {
  return value ? dayjs(value).tz(tz).format('HH:mm') : '—';
}

export function fromNow(value: string | Date | null | undefined): string {
  return value ? dayjs(value).fromNow() : '—';
}

/**
 * A wall-clock date-time picked in the unit's zone, as an ISO string with that zone's offset, so the
 * officer never types an offset and the API never guesses one.
 */
export function toZonedIso(local: Dayjs, tz = DEFAULT_TIME_ZONE): string {
  return dayjs.tz(local.format('YYYY-MM-DDTHH:mm:ss'), tz).format();
}

export { dayjs };
