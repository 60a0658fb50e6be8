import { TAG_COLOR, type StatusMap } from './labels';

/** Vietnamese labels for the admin screens: unit levels, channel accounts and the audit log's actions. */

export const UNIT_LEVEL: Record<string, string> = {
  province: 'Tỉnh, thành phố',
  district: 'Huyện, quận',
  commune: 'Xã, phường',
  village: 'Thôn, tổ dân phố',
};

export const VILLAGE_TYPE: Record<string, string> = {
  village: 'Thôn',
  'residential-group': 'Tổ dân phố',
  hamlet: 'Ấp, bản',
  other: 'Khác',
};

export const PLATFORM: Record<string, string> = {
  zalo: 'Zalo OA',
  facebook: 'Facebook Page',
};

/** What an audit event is about (`entityType`). */
export const AUDIT_ENTITY: Record<string, string> = {
  message: 'Tin bài',
  attachment: 'Tệp đính kèm',
  broadcast: 'Lượt phát',
  user: 'Người dùng',
  unit: 'Đơn vị, thôn',
  subscriber: 'Người nhận tin',
  'subscriber-import': 'Nhập người nhận tin',
  'channel-account': 'Tài khoản kênh',
  station: 'Cụm loa',
  'station-group': 'Nhóm cụm loa',
  'station-slot': 'Khung giờ phát',
  board: 'Bảng tin',
};

/**
 * The actions the services write to the log (libs/services), by entity type, as a sentence's verb
 * phrase. An action missing here still shows, as its generic verb and the entity's name.
 */
export const AUDIT_ACTION: Record<string, Record<string, string>> = {
  message: {
    create: 'Tạo tin bài',
    edit: 'Sửa tin bài',
    submit: 'Gửi duyệt tin bài',
    approve: 'Duyệt tin bài',
    return: 'Trả lại tin bài',
  },
  attachment: { upload: 'Tải lên tệp đính kèm' },
  broadcast: {
    schedule: 'Lên lịch phát',
    cancel: 'Hủy phát',
    retry: 'Gửi lại các tin lỗi',
    'withdraw-scheduled-post': 'Rút bài đã hẹn đăng trên Zalo, Facebook',
    'withdraw-board-slides': 'Gỡ tin khỏi bảng tin',
  },
  user: {
    create: 'Tạo người dùng',
    update: 'Sửa người dùng',
    disable: 'Khóa tài khoản',
    enable: 'Mở khóa tài khoản',
    'password-reset': 'Đặt lại mật khẩu',
    'password-change': 'Đổi mật khẩu',
    'logout-everywhere': 'Đăng xuất trên mọi thiết bị',
  },
  unit: {
    'create-village': 'Thêm thôn, tổ dân phố',
    'rename-village': 'Đổi tên thôn, tổ dân phố',
    'delete-village': 'Xóa thôn, tổ dân phố',
  },
  subscriber: {
    create: 'Thêm người nhận tin',
    update: 'Sửa người nhận tin',
    'opt-out': 'Ngừng nhận tin',
    'opt-in': 'Nhận tin trở lại',
  },
  'subscriber-import': { import: 'Nhập danh sách người nhận tin' },
  'channel-account': {
    create: 'Thêm tài khoản kênh',
    update: 'Sửa tài khoản kênh',
    reconnect: 'Kết nối lại tài khoản kênh',
  },
  station: {
    create: 'Thêm cụm loa',
    update: 'Sửa cụm loa',
    'rotate-token': 'Cấp lại mã thiết bị cụm loa',
    delete: 'Xóa cụm loa',
  },
  'station-group': { create: 'Tạo nhóm cụm loa' },
  'station-slot': { create: 'Thêm khung giờ phát', delete: 'Xóa khung giờ phát' },
  board: {
    create: 'Thêm bảng tin',
    update: 'Sửa bảng tin',
    'rotate-token': 'Cấp lại mã thiết bị bảng tin',
    delete: 'Xóa bảng tin',
  },
};

const ACTION_VERB: Record<string, string> = {
  create: 'Tạo',
  edit: 'Sửa',
  update: 'Sửa',
  delete: 'Xóa',
  upload: 'Tải lên',
  import: 'Nhập',
  'rotate-token': 'Cấp lại mã thiết bị',
};

/** "Duyệt tin bài", or for an action not listed, "Xóa · Bảng tin" (never a bare code where a word exists). */
export function auditActionLabel(entityType: string, action: string): string {
  const known = AUDIT_ACTION[entityType]?.[action];
  if (known) return known;
  const entity = AUDIT_ENTITY[entityType] ?? entityType;
  return `${ACTION_VERB[action] ?? action} · ${entity}`;
}

/** The filter's choices: every known action once, labelled by its verb phrases (e.g. "create": Tạo …). */
export function auditActionOptions(entityType?: string): { value: string; label: string }[] {
  if (entityType) {
    return Object.entries(AUDIT_ACTION[entityType] ?? {}).map(([value, label]) => ({ value, label }));
  }
  const byAction = new Map<string, string[]>();
  for (const actions of Object.values(AUDIT_ACTION)) {
    for (const [code, label] of Object.entries(actions)) {
      const labels = byAction.get(code) ?? [];
      if (!labels.includes(label)) labels.push(label);
      byAction.set(code, labels);
    }
  }
  return [...byAction.entries()]
    .map(([value, labels]) => ({ value, label: labels.length > 2 ? `${ACTION_VERB[value] ?? labels[0]} (mọi loại)` : labels.join(', ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

export const USER_STATE: StatusMap = {
  active: { label: 'Đang hoạt động', color: TAG_COLOR.green },
  disabled: { label: 'Đã khóa', color: TAG_COLOR.red },
};

export const ACCOUNT_STATUS: StatusMap = {
  active: { label: 'Đang hoạt động', color: TAG_COLOR.green },
  needs_reconnect: { label: 'Cần kết nối lại', color: TAG_COLOR.red },
  disabled: { label: 'Đã tắt', color: TAG_COLOR.grey },
};
