import { formatLocalTimestamp, type DeliveryStatus } from '#domain/index.js';
import { deliveryFailureText } from '#domain/delivery/failure-text.js';
import type { DeliveryExportRow, SubscriberExportRow } from './export-query.repository.js';

export const DELIVERY_CSV_HEADER = ['Kênh', 'Người/điểm nhận', 'Trạng thái', 'Lý do không thành công', 'Số lần gửi', 'Dự kiến gửi', 'Đã gửi lúc', 'Kết thúc lúc'];

export const SUBSCRIBER_CSV_HEADER = ['Số điện thoại', 'Họ và tên', 'Đơn vị', 'Thôn/Tổ dân phố', 'Nhãn', 'Nguồn đồng ý', 'Đồng ý lúc', 'Từ chối nhận tin lúc'];

const CHANNEL_LABELS: Record<string, string> = {
  sms: 'Tin nhắn SMS',
  loudspeaker: 'Loa truyền thanh',
  board: 'Bảng tin điện tử',
  zalo: 'Zalo OA',
  facebook: 'Facebook',
};

const STATUS_LABELS: Record<DeliveryStatus, string> = {
  planned: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  delivered: 'Đã nhận',
  failed: 'Thất bại',
  undelivered: 'Không đến được người nhận',
  unknown: 'Chưa rõ kết quả',
  cancelled: 'Đã hủy',
  skipped: 'Bỏ qua',
};

const CONSENT_LABELS: Record<string, string> = {
  officer: 'Cán bộ ghi nhận',
  sms: 'Nhắn tin đăng ký',
  import: 'Nhập danh sách',
  paper: 'Phiếu giấy',
  form: 'Phiếu đăng ký',
};

/** A cell for a moment: 'dd/MM/yyyy HH:mm' in the unit's zone, as an officer files it. */
export function localMinute(instant: Date | null, timeZone: string): string {
  return instant ? formatLocalTimestamp(instant, timeZone).slice(0, 16) : '';
}

/**
 * A phone number as a caller may see it: whole for supervisors and administrators, otherwise every
 * character but the last 3 digits replaced by '*', so an officer's file cannot leak the list.
 */
export function maskedPhone(phone: string, whole: boolean): string {
  if (whole) return phone;
  const digits = phone.replace(/\D/g, '');
  // The '+' goes too: the cell then starts with '*', never read as a formula, and the length is kept.
  return '*'.repeat(Math.max(phone.length - 3, 0)) + digits.slice(-3);
}

export function deliveryCells(row: DeliveryExportRow, timeZone: string, wholePhone: boolean): string[] {
  return [
    CHANNEL_LABELS[row.channel] ?? row.channel,
    row.channel === 'sms' ? maskedPhone(row.endpoint, wholePhone) : (row.recipientName ?? row.endpoint),
    STATUS_LABELS[row.status] ?? row.status,
    deliveryFailureText(row) ?? '',
    String(row.attempts),
    localMinute(row.notBefore, timeZone),
    localMinute(row.sentAt, timeZone),
    localMinute(row.finalAt, timeZone),
  ];
}

export function subscriberCells(row: SubscriberExportRow, timeZone: string, wholePhone: boolean): string[] {
  return [
    maskedPhone(row.phone, wholePhone),
    row.fullName ?? '',
    row.unitName,
    row.villageName ?? '',
    row.tags.join(', '),
    CONSENT_LABELS[row.consentSource] ?? row.consentSource,
    localMinute(row.consentAt, timeZone),
    localMinute(row.optedOutAt, timeZone),
  ];
}
