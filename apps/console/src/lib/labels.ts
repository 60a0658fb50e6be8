/**
 * Vietnamese labels for the API's codes (the words officers use, ../shared/CONSOLE.md). Colours are
 * dark enough that a Tag's white text on them passes WCAG AA.
 */
export const MESSAGE_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'Bản nháp', color: '#595959' },
  submitted: { label: 'Chờ duyệt', color: '#0958d9' },
  approved: { label: 'Đã duyệt', color: '#237804' },
  returned: { label: 'Bị trả lại', color: '#ad4e00' },
};

export const BROADCAST_STATUS: Record<string, { label: string; color: string }> = {
  scheduled: { label: 'Đã lên lịch', color: '#595959' },
  running: { label: 'Đang phát', color: '#0958d9' },
  held: { label: 'Đang tạm giữ', color: '#ad4e00' },
  completed: { label: 'Hoàn thành', color: '#237804' },
  'partially-failed': { label: 'Hoàn thành, có lỗi', color: '#ad4e00' },
  failed: { label: 'Thất bại', color: '#a8071a' },
  cancelled: { label: 'Đã hủy phát', color: '#595959' },
};

export const OCCURRENCE_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: 'Chờ đến giờ', color: '#595959' },
  held: { label: 'Đang tạm giữ', color: '#ad4e00' },
  planned: { label: 'Đang phát', color: '#0958d9' },
  completed: { label: 'Đã phát', color: '#237804' },
  cancelled: { label: 'Đã hủy', color: '#595959' },
  skipped: { label: 'Bỏ qua', color: '#595959' },
};

export const DELIVERY_STATUS: Record<string, { label: string; color: string }> = {
  planned: { label: 'Chờ gửi', color: '#595959' },
  sending: { label: 'Đang gửi', color: '#0958d9' },
  sent: { label: 'Đã gửi', color: '#0958d9' },
  delivered: { label: 'Đã nhận', color: '#237804' },
  failed: { label: 'Lỗi', color: '#a8071a' },
  undelivered: { label: 'Không đến được', color: '#a8071a' },
  unknown: { label: 'Đang xác minh', color: '#ad4e00' },
  cancelled: { label: 'Đã hủy', color: '#595959' },
  skipped: { label: 'Bỏ qua', color: '#595959' },
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
  normal: { label: 'Thông thường', color: '#595959' },
  priority: { label: 'Ưu tiên', color: '#ad4e00' },
  emergency: { label: 'Khẩn cấp', color: '#a8071a' },
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
