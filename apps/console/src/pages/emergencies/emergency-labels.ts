import { TAG_COLOR, type StatusMap } from '../../lib/labels';

/** The channels an emergency can go out on, in the order the screen lists them. */
export const EMERGENCY_CHANNELS = ['loudspeaker', 'sms', 'board', 'zalo', 'facebook'];

export const EMERGENCY_STATUS: StatusMap = {
  draft: { label: 'Bản nháp (chờ lãnh đạo)', color: TAG_COLOR.grey },
  'awaiting-second-supervisor': { label: 'Chờ lãnh đạo thứ hai', color: TAG_COLOR.orange },
  sent: { label: 'Đã phát', color: TAG_COLOR.red },
  cancelled: { label: 'Đã hủy', color: TAG_COLOR.grey },
};

export const AUTHORISATION: Record<string, string> = {
  self: 'Một lãnh đạo tự quyết',
  'second-supervisor': 'Hai lãnh đạo (có người xác nhận thứ hai)',
  'trusted-source': 'Nguồn cảnh báo CAP tỉnh tin cậy, phát tự động',
};

/** Who authorised it, in words; an imported draft has nobody yet. */
export function authorisationText(code: string | null): string {
  return code ? (AUTHORISATION[code] ?? code) : 'Chưa có: chờ lãnh đạo phát';
}

/** "Lặp lại": the choices of the repeat interval, in hours (the API takes whole hours, 1 to 24). */
export const REPEAT_HOURS = [1, 2, 3, 4, 6, 12, 24];

/** A repeat stops at the latest this many days after it first goes out (the API's rule). */
export const REPEAT_MAX_DAYS = 7;
