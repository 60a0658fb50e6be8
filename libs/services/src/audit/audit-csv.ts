import { excelCsv, formatLocalTimestamp } from '#domain/index.js';
import type { AuditRow } from '#persistence/repositories/audit.repository.js';

export const AUDIT_CSV_HEADER = [
  'Thời gian',
  'Người thực hiện',
  'Tên đăng nhập',
  'Đơn vị',
  'Hành động',
  'Loại đối tượng',
  'Mã đối tượng',
  'Phiên bản',
  'Ghi chú',
  'Chi tiết',
];

const ACTION_LABELS: Record<string, string> = {
  create: 'Tạo mới',
  edit: 'Sửa',
  update: 'Cập nhật',
  delete: 'Xóa',
  submit: 'Gửi duyệt',
  approve: 'Duyệt',
  return: 'Trả lại',
  upload: 'Tải lên',
  schedule: 'Lên lịch phát',
  cancel: 'Hủy phát',
  retry: 'Gửi lại',
  import: 'Nhập danh sách',
  'opt-out': 'Từ chối nhận tin',
  'opt-in': 'Đăng ký nhận tin lại',
  reconnect: 'Kết nối lại',
  disable: 'Khóa tài khoản',
  enable: 'Mở khóa tài khoản',
  'password-change': 'Đổi mật khẩu',
  'password-reset': 'Đặt lại mật khẩu',
  'logout-everywhere': 'Đăng xuất mọi thiết bị',
  'create-village': 'Thêm thôn',
  'rename-village': 'Đổi tên thôn',
  'delete-village': 'Xóa thôn',
  'withdraw-board-slides': 'Gỡ tin khỏi bảng tin',
  'withdraw-scheduled-post': 'Gỡ bài đã hẹn giờ',
};

const ENTITY_LABELS: Record<string, string> = {
  message: 'Tin bài',
  attachment: 'Tệp đính kèm',
  broadcast: 'Lượt phát',
  subscriber: 'Người nhận tin',
  'subscriber-import': 'Lần nhập người nhận tin',
  user: 'Người dùng',
  unit: 'Đơn vị',
  board: 'Bảng tin điện tử',
  station: 'Cụm loa',
  'channel-account': 'Tài khoản kênh',
  plan: 'Kế hoạch thông tin, tuyên truyền',
  'plan-target': 'Chỉ tiêu kế hoạch',
  'plan-target-override': 'Chỉ tiêu riêng của đơn vị',
  activity: 'Hoạt động tuyên truyền',
};

/** The audit log as CSV for Excel (see excelCsv), times as dd/MM/yyyy HH:mm:ss in the unit's zone. */
export function auditCsv(batches: AsyncIterable<readonly AuditRow[]>, timeZone: string): AsyncGenerator<string> {
  return excelCsv(AUDIT_CSV_HEADER, batches, (row) => auditCells(row, timeZone));
}

export function auditCells(row: AuditRow, timeZone: string): string[] {
  return [
    formatLocalTimestamp(row.occurredAt, timeZone),
    row.actorName ?? (row.actorId ? row.actorId : 'Hệ thống'),
    row.actorUsername ?? '',
    row.unitName ?? row.unitId,
    ACTION_LABELS[row.action] ?? row.action,
    ENTITY_LABELS[row.entityType] ?? row.entityType,
    row.entityId,
    row.versionNo === null ? '' : String(row.versionNo),
    row.comment ?? '',
    Object.keys(row.data).length ? JSON.stringify(row.data) : '',
  ];
}
