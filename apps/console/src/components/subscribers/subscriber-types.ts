import type { components } from '../../api/schema';
import { TAG_COLOR, type StatusMap } from '../../lib/labels';

/** Answers of /api/v1/subscribers and its imports. */
export type Subscriber = components['schemas']['SubscriberDto'];
export type SubscriberImport = components['schemas']['SubscriberImportDto'];

export const SUBSCRIBER_STATE: StatusMap = {
  receiving: { label: 'Đang nhận', color: TAG_COLOR.green },
  'opted-out': { label: 'Đã từ chối', color: TAG_COLOR.red },
};

export const IMPORT_STATUS: StatusMap = {
  running: { label: 'Đang nhập', color: TAG_COLOR.blue },
  completed: { label: 'Xong', color: TAG_COLOR.green },
  failed: { label: 'Bị dừng', color: TAG_COLOR.red },
};

export const CONSENT_SOURCE: Record<string, string> = {
  form: 'Tự đăng ký trên web',
  sms: 'Nhắn tin đăng ký',
  import: 'Nhập từ danh sách',
  officer: 'Cán bộ ghi nhận',
  paper: 'Phiếu đăng ký có chữ ký',
};

export const OPT_OUT_SOURCE: Record<string, string> = {
  sms: 'người dân nhắn từ chối',
  officer: 'cán bộ ghi nhận',
  provider: 'nhà mạng báo',
};

/** +84912345678 → 0912 345 678, the way officers read numbers. */
export function formatPhone(e164: string): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : e164;
}
