/** Vietnamese labels for the API's codes (the words officers use, ../shared/CONSOLE.md). */
export const MESSAGE_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'Bản nháp', color: 'default' },
  submitted: { label: 'Chờ duyệt', color: 'processing' },
  approved: { label: 'Đã duyệt', color: 'success' },
  returned: { label: 'Bị trả lại', color: 'warning' },
};

export const BROADCAST_STATUS: Record<string, { label: string; color: string }> = {
  scheduled: { label: 'Đã lên lịch', color: 'default' },
  running: { label: 'Đang phát', color: 'processing' },
  held: { label: 'Đang tạm giữ', color: 'warning' },
  completed: { label: 'Hoàn thành', color: 'success' },
  'partially-failed': { label: 'Hoàn thành, có lỗi', color: 'warning' },
  failed: { label: 'Thất bại', color: 'error' },
  cancelled: { label: 'Đã hủy phát', color: 'default' },
};

export const OCCURRENCE_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: 'Chờ đến giờ', color: 'default' },
  held: { label: 'Đang tạm giữ', color: 'warning' },
  planned: { label: 'Đang phát', color: 'processing' },
  completed: { label: 'Đã phát', color: 'success' },
  cancelled: { label: 'Đã hủy', color: 'default' },
  skipped: { label: 'Bỏ qua', color: 'default' },
};

export const DELIVERY_STATUS: Record<string, { label: string; color: string }> = {
  planned: { label: 'Chờ gửi', color: 'default' },
  sending: { label: 'Đang gửi', color: 'processing' },
  sent: { label: 'Đã gửi', color: 'processing' },
  delivered: { label: 'Đã nhận', color: 'success' },
  failed: { label: 'Lỗi', color: 'error' },
  undelivered: { label: 'Không đến được', color: 'error' },
  unknown: { label: 'Đang xác minh', color: 'warning' },
  cancelled: { label: 'Đã hủy', color: 'default' },
  skipped: { label: 'Bỏ qua', color: 'default' },
};

export const CHANNEL: Record<string, string> = {
  loudspeaker: 'Loa truyền thanh',
  sms: 'Tin nhắn SMS',
  board: 'Bảng tin điện tử',
  zalo: 'Zalo OA',
  facebook: 'Facebook',
  feed: 'Trang tin',
};

export const PRIORITY: Record<string, { label: string; color: string }> = {
  normal: { label: 'Thông thường', color: 'default' },
  priority: { label: 'Ưu tiên', color: 'orange' },
  emergency: { label: 'Khẩn cấp', color: 'red' },
};

export const ROLE: Record<string, string> = {
  officer: 'Cán bộ',
  supervisor: 'Lãnh đạo duyệt tin',
  admin: 'Quản trị',
};

export function labelOf(map: Record<string, string | { label: string }>, code: string | null | undefined): string {
  if (!code) return '—';
  const v = map[code];
  return v === undefined ? code : typeof v === 'string' ? v : v.label;
}
