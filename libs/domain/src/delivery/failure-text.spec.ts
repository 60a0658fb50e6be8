import { PERMANENT_REASONS } from './delivery-errors.js';
import { deliveryFailureText, type DeliveryFailureFacts } from './failure-text.js';

const failed = (over: Partial<DeliveryFailureFacts>): DeliveryFailureFacts => ({
  status: 'failed',
  channel: 'sms',
  providerCode: null,
  lastError: null,
  failureKind: 'permanent',
  ...over,
});

describe('deliveryFailureText', () => {
  it('words a known provider code and keeps the code for support', () => {
    expect(deliveryFailureText(failed({ providerCode: '21211', lastError: 'invalid-endpoint: not a valid phone number' }))).toBe(
      'Số điện thoại không hợp lệ (mã 21211).',
    );
    expect(deliveryFailureText(failed({ status: 'undelivered', providerCode: '30007' }))).toBe('Nhà mạng đã lọc tin nhắn này (nghi là tin rác) (mã 30007).');
  });

  it('falls back to the permanent reason when the code is unknown, never to the raw code alone', () => {
    for (const reason of PERMANENT_REASONS) {
      const text = deliveryFailureText(failed({ providerCode: 'X-99', lastError: `${reason}: provider said no` })) as string;
      expect(text).toMatch(/^[A-ZĐÀ-Ỹ][^]*\(mã X-99\)\.$/u);
      expect(text).not.toContain(reason);
    }
    const texts = PERMANENT_REASONS.map((reason) => deliveryFailureText(failed({ providerCode: 'X-99', lastError: `${reason}: provider said no` })));
    expect(new Set(texts).size).toBe(PERMANENT_REASONS.length);
    expect(deliveryFailureText(failed({ providerCode: 'X-99', lastError: 'unauthorized: token revoked' }))).toBe(
      'Tài khoản kênh không có quyền gửi (thông tin xác thực sai hoặc đã bị thu hồi) (mã X-99).',
    );
    expect(deliveryFailureText(failed({ providerCode: 'X-99', lastError: 'something else' }))).toBe(
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
    expect(deliveryFailureText(failed({ status: 'skipped', lastError: 'opted-out', failureKind: null }))).toBe('Bỏ qua: người nhận đã từ chối nhận tin trước giờ gửi.');
    expect(deliveryFailureText(failed({ status: 'cancelled', lastError: 'đài đã bị xóa', failureKind: null }))).toBe('Đã hủy: cụm loa đã bị xóa.');
    expect(deliveryFailureText(failed({ status: 'unknown', failureKind: null }))).toMatch(/^Chưa rõ kết quả/);
    for (const status of ['planned', 'sending', 'sent', 'delivered'] as const) expect(deliveryFailureText(failed({ status, failureKind: null }))).toBeNull();
  });
});
