import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { AUDIT_ENTITY, PLATFORM } from '../../lib/admin-labels';
import { formatNumber } from '../../lib/format';
import { MESSAGE_STATUS, ROLE, labelOf } from '../../lib/labels';
import type { AuditEvent } from './admin-types';

const FIELD: Record<string, string> = {
  displayName: 'Họ và tên',
  username: 'Tên đăng nhập',
  role: 'Vai trò',
  unitId: 'Đơn vị',
  name: 'Tên',
  fullName: 'Tên',
  platform: 'Nền tảng',
  externalId: 'Mã tài khoản',
  canBroadcast: 'Gửi tin truyền thông',
  enabled: 'Đang dùng',
  phone: 'Số điện thoại',
  label: 'Khung giờ',
  kind: 'Loại',
  location: 'Vị trí',
  contentType: 'Định dạng',
  sizeBytes: 'Dung lượng',
  deliveryIds: 'Số tin gửi lại',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plain(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (key === 'role' && typeof value === 'string') return ROLE[value] ?? value;
  if (key === 'platform' && typeof value === 'string') return PLATFORM[value] ?? value;
  if (key === 'sizeBytes' && typeof value === 'number') {
    return value < 1_048_576 ? `${formatNumber(Math.max(1, Math.round(value / 1024)))} KB` : `${(value / 1_048_576).toFixed(1).replace('.', ',')} MB`;
  }
  if (Array.isArray(value)) return formatNumber(value.length);
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'string' && UUID.test(value)) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

/** What changed or was recorded, in words: workflow steps, renamed villages, changed fields; ids left out. */
export function auditDetails(e: AuditEvent): string[] {
  const d = e.data ?? {};
  const lines: string[] = [];
  const from = d.from as unknown;
  const to = d.to as unknown;
  if (e.entityType === 'message' && (typeof to === 'string' || typeof from === 'string')) {
    lines.push(from ? `${labelOf(MESSAGE_STATUS, from as string)} → ${labelOf(MESSAGE_STATUS, to as string)}` : labelOf(MESSAGE_STATUS, to as string));
  } else if (from && to && typeof from === 'object' && typeof to === 'object') {
    const a = from as Record<string, unknown>;
    const b = to as Record<string, unknown>;
    lines.push(`“${String(a.fullName ?? a.name ?? '')}” → “${String(b.fullName ?? b.name ?? '')}”`);
  }
  const changes = d.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes && typeof changes === 'object') {
    for (const [key, change] of Object.entries(changes)) {
      const before = plain(key, change?.from);
      const after = plain(key, change?.to);
      lines.push(before !== null || after !== null ? `${FIELD[key] ?? key}: ${before ?? '—'} → ${after ?? '—'}` : `${FIELD[key] ?? key} thay đổi`);
    }
  }
  // A village's name is shown once, as its full name.
  const shown = new Set(['from', 'to', 'changes', ...('fullName' in d ? ['name'] : [])]);
  for (const [key, value] of Object.entries(d)) {
    if (shown.has(key) || !FIELD[key]) continue;
    const text = plain(key, value);
    if (text !== null) lines.push(`${FIELD[key]}: ${text}`);
  }
  if (e.versionNo !== null && e.versionNo !== undefined) lines.push(`Phiên bản ${e.versionNo}`);
  return lines;
}

/** The object the event is about, as a link where the console has a screen for it. */
export function auditTarget(e: AuditEvent): ReactNode {
  const label = AUDIT_ENTITY[e.entityType] ?? e.entityType;
  const href =
    e.entityType === 'message'
      ? `/messages/${e.entityId}`
      : e.entityType === 'broadcast'
        ? `/broadcasts/${e.entityId}`
        : e.entityType === 'station'
          ? `/stations/${e.entityId}`
          : e.entityType === 'unit' && e.action !== 'delete-village'
            ? `/admin/units?unit=${e.entityId}`
            : null;
  return href ? (
    <Link to={href}>Mở {label.toLowerCase()}</Link>
  ) : (
    <Typography.Text type="secondary" copyable={{ text: e.entityId, tooltips: ['Sao chép mã', 'Đã chép'] }}>
      {label}
    </Typography.Text>
  );
}
