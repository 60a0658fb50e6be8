import { ConflictError, ForbiddenActionError, type FieldProblem } from '../errors.js';
import type { Actor } from '../access/actor.js';
import { foldVietnamese } from '../text/fold-vietnamese.js';
import type { UnitLevel, UnitSource } from './unit-kinds.js';

export const LEVEL_LABELS: Record<UnitLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã', village: 'thôn' };

/** How many rows of each kind refer to a unit (read by UnitUsageRepository). */
export interface UnitUsage {
  childUnits: number;
  subscribers: number;
  stations: number;
  stationGroups: number;
  boards: number;
  broadcasts: number;
  messages: number;
  attachments: number;
  users: number;
  channelAccounts: number;
  subscriberImports: number;
}

/** Villages are renamed and removed by those who add them: the commune's officers and admins of the area. */
export function assertCanEditVillage(actor: Actor): void {
  if (actor.role === 'officer' || actor.role === 'admin') return;
  throw new ForbiddenActionError('unit.village-role', 'Chỉ cán bộ của xã hoặc quản trị viên mới được đổi tên, xóa thôn, tổ dân phố');
}

/**
 * Only villages created here can be renamed or removed: provinces, districts and communes, and
 * anything from an official list, change only when the list is imported again.
 */
export function assertLocalVillage(unit: { level: UnitLevel; source: UnitSource; fullName: string }): void {
  if (unit.level !== 'village') {
    throw new ConflictError(
      'unit.not-village',
      `"${unit.fullName}" là đơn vị cấp ${LEVEL_LABELS[unit.level]}; chỉ đổi tên hoặc xóa được thôn, tổ dân phố do địa phương tạo`,
    );
  }
  if (unit.source !== 'local') {
    throw new ConflictError(
      'unit.official',
      `"${unit.fullName}" thuộc danh mục hành chính chính thức; chỉ đổi tên hoặc xóa được thôn, tổ dân phố do địa phương tạo`,
    );
  }
}

/**
 * Two villages of a commune may not share a name, ignoring diacritics and case: "Thôn Đông" and
 * "thon dong" would be the same place to an officer picking targets. `exceptId` is the village being renamed.
 */
export function assertNoTwinVillage(
  commune: { fullName: string },
  siblings: readonly { id: string; name: string; fullName: string }[],
  village: { name: string; fullName: string },
  exceptId?: string,
): void {
  const folded = foldVietnamese(village.name);
  const foldedFull = foldVietnamese(village.fullName);
  const twin = siblings.find(
    (s) => s.id !== exceptId && (foldVietnamese(s.name) === folded || foldVietnamese(s.fullName) === foldedFull),
  );
  if (twin) throw new ConflictError('unit.village-duplicate', `"${commune.fullName}" đã có "${twin.fullName}" (trùng tên)`);
}

const USAGE_LABELS: Record<keyof UnitUsage, string> = {
  subscribers: 'người nhận tin',
  stations: 'cụm loa',
  stationGroups: 'nhóm cụm loa',
  boards: 'bảng tin điện tử',
  broadcasts: 'lượt phát',
  messages: 'tin bài',
  attachments: 'tệp đính kèm',
  users: 'tài khoản người dùng',
  channelAccounts: 'tài khoản kênh',
  subscriberImports: 'lần nhập danh sách người nhận tin',
  childUnits: 'đơn vị trực thuộc',
};

/** One problem per kind of thing that still uses the unit ("3 người nhận tin"); empty when nothing does. */
export function usageProblems(usage: UnitUsage): FieldProblem[] {
  return (Object.keys(USAGE_LABELS) as (keyof UnitUsage)[])
    .filter((kind) => usage[kind] > 0)
    .map((kind) => ({ field: kind, rule: 'in-use', message: `${usage[kind]} ${USAGE_LABELS[kind]}` }));
}

/** A village still in use is kept: deleting it would orphan those rows or rewrite what was sent. */
export function assertUnused(unit: { fullName: string }, usage: UnitUsage): void {
  const problems = usageProblems(usage);
  if (problems.length === 0) return;
  throw new ConflictError(
    'unit.in-use',
    `Không xóa được "${unit.fullName}" vì đang được dùng: ${problems.map((p) => p.message).join(', ')}. Chỉ xóa được thôn chưa được dùng; có thể đổi tên thay vì xóa.`,
    problems,
  );
}
