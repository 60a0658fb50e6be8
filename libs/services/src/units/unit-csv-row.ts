import { cleanText, UNIT_LEVELS, type UnitLevel } from '#domain/index.js';
import type { StagedUnit } from '#persistence/repositories/unit-import.repository.js';
import { searchNameOf } from './unit-text.js';

/** The columns of the official lists (data/units/README.md). Missing columns arrive as undefined. */
export interface UnitCsvRecord {
  code?: string;
  parent_code?: string;
  level?: string;
  type?: string;
  name?: string;
  full_name?: string;
  name_en?: string;
}

/** What one row says on its own; the import adds where it came from (list, line, validity). */
export type UnitCsvRow = Omit<StagedUnit, 'source' | 'row' | 'validFrom' | 'validTo'>;

export type RowCheck = { ok: true; unit: UnitCsvRow } | { ok: false; reason: string };

/** Checks one CSV record on its own; whether its parent exists is decided later, against the whole list. */
export function checkUnitRecord(record: UnitCsvRecord): RowCheck {
  const code = record.code?.trim() ?? '';
  const name = cleanText(record.name ?? '');
  const level = record.level?.trim() ?? '';
  const type = record.type?.trim() ?? '';
  const problems: string[] = [];
  if (!code) problems.push('thiếu mã đơn vị (code)');
  if (!name) problems.push('thiếu tên đơn vị (name)');
  if (!level) problems.push('thiếu cấp đơn vị (level)');
  else if (!(UNIT_LEVELS as readonly string[]).includes(level)) {
    problems.push(`cấp "${level}" không hợp lệ (chỉ nhận ${UNIT_LEVELS.join(', ')})`);
  }
  if (!type) problems.push('thiếu loại đơn vị (type)');
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const fullName = cleanText(record.full_name ?? '') || name;
  const nameEn = cleanText(record.name_en ?? '') || null;
  return {
    ok: true,
    unit: {
      code,
      parentCode: record.parent_code?.trim() || null,
      level: level as UnitLevel,
      type,
      name,
      fullName,
      nameEn,
      searchName: searchNameOf(name, fullName, nameEn),
    },
  };
}
