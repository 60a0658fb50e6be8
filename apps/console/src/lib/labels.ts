/**
 * Vietnamese labels for the API's codes (the words officers use, ../shared/CONSOLE.md). Colours are
 * dark enough to pass WCAG AA both as a Tag's text on its light tint and under white text; show
 * them with components/status-tag.tsx.
 */
export type StatusMap = Record<string, { label: string; color: string }>;

/** For a tag whose text is not a code (it carries a number or a name). */
export const TAG_COLOR = { grey: '#595959', blue: '#0958d9', green: '#237804', orange: '#ad4e00', red: '#a8071a' };

export const MESSAGE_STATUS: StatusMap = {
  draft: { label: 'Bản nháp', color: TAG_COLOR.grey },
  submitted: { label: 'Chờ duyệt', color: TAG_COLOR.blue },
  approved: { label: 'Đã duyệt', color: TAG_COLOR.green },
  returned: { label: 'Bị trả lại', color: TAG_COLOR.orange },
};

export const BROADCAST_STATUS: StatusMap = {
  scheduled: { label: 'Đã lên lịch', color: TAG_COLOR.grey },
  running: { label: 'Đang phát', color: TAG_COLOR.blue },
  held: { label: 'Đang tạm giữ', color: TAG_COLOR.orange },
  completed: { label: 'Hoàn thành', color: TAG_COLOR.green },
  'partially-failed': { label: 'Hoàn thành, có lỗi', color: TAG_COLOR.orange },
  failed: { label: 'Thất bại', color: TAG_COLOR.red },
  cancelled: { label: 'Đã hủy phát', color: TAG_COLOR.grey },
};

export const OCCURRENCE_STATUS: StatusMap = {
  pending: { label: 'Chờ đến giờ', color: TAG_COLOR.grey },
  held: { label: 'Đang tạm giữ', color: TAG_COLOR.orange },
  planned: { label: 'Đang phát', color: TAG_COLOR.blue },
  completed: { label: 'Đã phát', color: TAG_COLOR.green },
  cancelled: { label: 'Đã hủy', color: TAG_COLOR.grey },
  skipped: { label: 'Bỏ qua', color: TAG_COLOR.grey },
};

export const DELIVERY_STATUS: StatusMap = {
  planned: { label: 'Chờ gửi', color: TAG_COLOR.grey },
  sending: { label: 'Đang gửi', color: TAG_COLOR.blue },
  sent: { label: 'Đã gửi', color: TAG_COLOR.blue },
  delivered: { label: 'Đã nhận', color: TAG_COLOR.green },
  failed: { label: 'Lỗi', color: TAG_COLOR.red },
  undelivered: { label: 'Không đến được', color: TAG_COLOR.red },
  unknown: { label: 'Đang xác minh', color: TAG_COLOR.orange },
  cancelled: { label: 'Đã hủy', color: TAG_COLOR.grey },
  skipped: { label: 'Bỏ qua', color: TAG_COLOR.grey },
};

export const CHANNEL: Record<string, string> = {
  loudspeaker: 'Loa truyền thanh',
  sms: 'Tin nhắn SMS',
  board: 'Bảng tin điện tử',
  zalo: 'Zalo OA',
  facebook: 'Facebook',
  feed: 'Trang tin',
};

export const PRIORITY: StatusMap = {
  normal: { label: 'Thông thường', color: TAG_COLOR.grey },
  priority: { label: 'Ưu tiên', color: TAG_COLOR.orange },
  emergency: { label: 'Khẩn cấp', color: TAG_COLOR.red },
};

/** A relay ("Tin từ cấp trên") in a commune's list. */
export const RELAY_STATUS: StatusMap = {
  waiting: { label: 'Chờ xếp lịch', color: TAG_COLOR.orange },
  placed: { label: 'Đã xếp lịch', color: TAG_COLOR.green },
  'auto-placed': { label: 'Tự động xếp', color: TAG_COLOR.blue },
};

/** What became of a relay in a commune, for the province or district that sent it. */
export const RELAY_OUTCOME: StatusMap = {
  waiting: { label: 'Chưa xếp', color: TAG_COLOR.orange },
  scheduled: { label: 'Chờ phát', color: TAG_COLOR.blue },
  played: { label: 'Đã phát', color: TAG_COLOR.green },
  missed: { label: 'Không phát', color: TAG_COLOR.red },
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
