import { PERMANENT_REASONS } from './delivery-errors.js';
import { deliveryFailureText, type DeliveryFailureFacts } from './failure-text.js';

const failed = (over: Partial<DeliveryFailureFacts>): DeliveryFailureFacts => ({
  status: 'failed',
  channel: 'sms',
  providerCode: null,
  failureReason: null,
  failureKind: 'permanent',
  ...over,
});

describe('deliveryFailureText', () => {
  it('words a known provider code and keeps the code for support', () => {
    expect(deliveryFailureText(failed({ providerCode: '21211', failureReason: 'invalid-endpoint' }))).toBe(
      'Số điện thoại không hợp lệ (mã 21211).',
    );
    expect(deliveryFailureText(failed({ status: 'undelivered', providerCode: '30007' }))).toBe('Nhà mạng đã lọc tin nhắn này (nghi là tin rác) (mã 30007).');
  });

  it('falls back to the permanent reason when the code is unknown, never to the raw code alone', () => {
    for (const reason of PERMANENT_REASONS) {
      const text = deliveryFailureText(failed({ providerCode: 'X-99', failureReason: reason })) as string;
      expect(text).toMatch(/^[A-ZĐÀ-Ỹ][^]*\(mã X-99\)\.$/u);
      expect(text).not.toContain(reason);
    }
    const texts = PERMANENT_REASONS.map((reason) => deliveryFailureText(failed({ providerCode: 'X-99', failureReason: reason })));
    expect(new Set(texts).size).toBe(PERMANENT_REASONS.length);
    expect(deliveryFailureText(failed({ providerCode: 'X-99', failureReason: 'unauthorized' }))).toBe(
      'Tài khoản kênh không có quyền gửi (thông tin xác thực sai hoặc đã bị thu hồi) (mã X-99).',
    );
    expect(deliveryFailureText(failed({ providerCode: 'X-99', failureReason: null }))).toBe(
      'Gửi không thành công, nhà cung cấp không nêu lý do (mã X-99).',
    );
  });

  it('says when retries ran out and that a supervisor may retry', () => {
    expect(deliveryFailureText(failed({ failureKind: 'exhausted', providerCode: '20500' }))).toBe(
      'Đã thử gửi nhiều lần không thành công: máy chủ nhà cung cấp gặp lỗi; lãnh đạo có thể cho gửi lại (mã 20500).',
    );
    expect(deliveryFailureText(failed({ failureKind: 'exhausted', providerCode: 'http-503' }))).toContain('máy chủ nhà cung cấp gặp lỗi');
  });

  it('explains device and placement codes of loudspeakers', () => {
    expect(deliveryFailureText(failed({ channel: 'loudspeaker', providerCode: 'no-slot' }))).toBe(
      'Không còn khung giờ phát nào đủ chỗ trong 7 ngày: cần thêm khung giờ hoặc rút ngắn âm thanh (mã no-slot).',
    );
  });

  it('explains skipped, cancelled and unconfirmed deliveries, and says nothing of those that went', () => {
    expect(deliveryFailureText(failed({ status: 'skipped', failureReason: 'opted-out', failureKind: null }))).toBe('Bỏ qua: người nhận đã từ chối nhận tin trước giờ gửi.');
    expect(deliveryFailureText(failed({ status: 'cancelled', failureReason: 'station-deleted', failureKind: null }))).toBe('Đã hủy: cụm loa đã bị xóa.');
    expect(deliveryFailureText(failed({ status: 'unknown', failureKind: null }))).toMatch(/^Chưa rõ kết quả/);
    for (const status of ['planned', 'sending', 'sent', 'delivered'] as const) expect(deliveryFailureText(failed({ status, failureKind: null }))).toBeNull();
  });

  it('words each cause of a cancellation or skip from the typed reason', () => {
    const cancelled = (failureReason: DeliveryFailureFacts['failureReason']) => deliveryFailureText(failed({ status: 'cancelled', failureReason, failureKind: null }));
    expect(cancelled('scheduled-post-deleted')).toBe('Đã hủy: bài đăng hẹn giờ đã được gỡ khỏi nền tảng.');
    expect(cancelled('broadcast-cancelled')).toBe('Đã hủy trước khi gửi.');
    expect(cancelled(null)).toBe('Đã hủy trước khi gửi.');
    expect(deliveryFailureText(failed({ status: 'skipped', failureReason: null, failureKind: null }))).toBe('Bỏ qua, không gửi.');
  });

  it('prefers the provider code to the reason, and names the reason when retries ran out on an unknown code', () => {
    expect(deliveryFailureText(failed({ providerCode: '21610', failureReason: 'opted-out' }))).toBe('Thuê bao đã nhắn từ chối nhận tin (STOP) (mã 21610).');
    expect(deliveryFailureText(failed({ failureKind: 'exhausted', providerCode: 'X-1', failureReason: 'rejected' }))).toBe(
      'Đã thử gửi nhiều lần không thành công: nhà cung cấp từ chối tin này; lãnh đạo có thể cho gửi lại (mã X-1).',
    );
  });

});
