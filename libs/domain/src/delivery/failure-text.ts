import type { PermanentReason } from './delivery-errors.js';
import type { DeliveryStatus } from './delivery-status.js';
import type { DeliveryFailureReason } from './failure-reason.js';

/**
 * Why a delivery did not reach its recipient, in words an officer can act on. The one place that
 * turns the engine's codes (provider codes, permanent reasons, skip and cancel causes) into
 * Vietnamese; the code and the provider's own message stay in the delivery row for support.
 */
export interface DeliveryFailureFacts {
  status: DeliveryStatus;
  channel: string;
  providerCode: string | null;
  failureReason: DeliveryFailureReason | null;
  failureKind: 'permanent' | 'exhausted' | null;
}

const REASON_TEXT: Record<PermanentReason, string> = {
  'invalid-endpoint': 'Số điện thoại hoặc địa chỉ nhận không hợp lệ',
  'opted-out': 'Người nhận đã từ chối nhận tin (đã hủy đăng ký)',
  'bad-request': 'Nhà cung cấp từ chối yêu cầu gửi vì nội dung hoặc thông số không hợp lệ',
  unauthorized: 'Tài khoản kênh không có quyền gửi (thông tin xác thực sai hoặc đã bị thu hồi)',
  'reconnect-needed': 'Tài khoản kênh cần được kết nối lại trước khi gửi tiếp',
  rejected: 'Nhà cung cấp từ chối tin này',
};

/** Codes seen in practice: Twilio's SMS error codes, our own device and transport codes. */
const CODE_TEXT: Record<string, string> = {
  '21211': 'Số điện thoại không hợp lệ',
  '21408': 'Tài khoản SMS chưa được phép gửi tin đến vùng này',
  '21610': 'Thuê bao đã nhắn từ chối nhận tin (STOP)',
  '21612': 'Nhà cung cấp không gửi được tin đến số này',
  '21614': 'Số điện thoại không phải số di động',
  '30003': 'Máy người nhận không liên lạc được (tắt máy hoặc ngoài vùng phủ sóng)',
  '30004': 'Người nhận đã chặn tin nhắn',
  '30005': 'Số điện thoại không tồn tại hoặc đã ngừng hoạt động',
  '30006': 'Số cố định hoặc nhà mạng không nhận tin nhắn',
  '30007': 'Nhà mạng đã lọc tin nhắn này (nghi là tin rác)',
  '30008': 'Nhà mạng báo lỗi không xác định',
  '20429': 'Nhà cung cấp báo gửi quá nhiều yêu cầu',
  '20500': 'Máy chủ nhà cung cấp gặp lỗi',
  'no-slot': 'Không còn khung giờ phát nào đủ chỗ trong 7 ngày: cần thêm khung giờ hoặc rút ngắn âm thanh',
  'play-failure': 'Thiết bị loa báo lỗi khi phát',
  'refresh-failed': 'Zalo từ chối làm mới mã truy cập: cần kết nối lại tài khoản',
  'secret-unreadable': 'Không đọc được khóa bí mật của tài khoản kênh: cần kết nối lại tài khoản',
  ECONNREFUSED: 'Không kết nối được máy chủ nhà cung cấp',
  ECONNRESET: 'Kết nối tới nhà cung cấp bị ngắt giữa chừng',
  ETIMEDOUT: 'Máy chủ nhà cung cấp không trả lời kịp',
};

function codeText(code: string | null): string | null {
  if (!code) return null;
  if (Object.hasOwn(CODE_TEXT, code)) return CODE_TEXT[code];
  const http = /^http-(\d{3})$/.exec(code);
  if (http) return Number(http[1]) >= 500 ? 'Máy chủ nhà cung cấp gặp lỗi' : `Nhà cung cấp từ chối yêu cầu (mã HTTP ${http[1]})`;
  return null;
}

function reasonText(reason: DeliveryFailureReason | null): string | null {
  return reason !== null && Object.hasOwn(REASON_TEXT, reason) ? REASON_TEXT[reason as PermanentReason] : null;
}

/** A Vietnamese sentence for a delivery that failed, was skipped, cancelled or is unconfirmed; null otherwise. */
export function deliveryFailureText(d: DeliveryFailureFacts): string | null {
  const withCode = (text: string) => (d.providerCode && !text.includes(d.providerCode) ? `${text} (mã ${d.providerCode}).` : `${text}.`);
  switch (d.status) {
    case 'failed':
    case 'undelivered': {
      const known = codeText(d.providerCode) ?? reasonText(d.failureReason);
      if (d.failureKind === 'exhausted') {
        return withCode(`Đã thử gửi nhiều lần không thành công${known ? `: ${known.charAt(0).toLowerCase()}${known.slice(1)}` : ''}; lãnh đạo có thể cho gửi lại`);
      }
      if (known) return withCode(known);
      return withCode(d.status === 'undelivered' ? 'Nhà mạng không chuyển được tin đến người nhận' : 'Gửi không thành công, nhà cung cấp không nêu lý do');
    }
    case 'unknown':
      return 'Chưa rõ kết quả: yêu cầu đã gửi đi nhưng không nhận được trả lời; hệ thống chờ xác nhận và không tự gửi lại để tránh trùng.';
    case 'skipped':
      return d.failureReason === 'opted-out' ? 'Bỏ qua: người nhận đã từ chối nhận tin trước giờ gửi.' : 'Bỏ qua, không gửi.';
    case 'cancelled':
      if (d.failureReason === 'station-deleted') return 'Đã hủy: cụm loa đã bị xóa.';
      if (d.failureReason === 'scheduled-post-deleted') return 'Đã hủy: bài đăng hẹn giờ đã được gỡ khỏi nền tảng.';
      return 'Đã hủy trước khi gửi.';
    default:
      return null;
  }
}
