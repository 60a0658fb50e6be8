/** Where a unit came from. Codes are reused across official lists, so (source, code) is the key, never code alone. */
export const UNIT_SOURCES = ['vn-2025', 'vn-pre2025', 'local'] as const;
export type UnitSource = (typeof UNIT_SOURCES)[number];

/** Levels are labels, not a fixed depth: a tree may be province → commune, or province → district → commune → village. */
export const UNIT_LEVELS = ['province', 'district', 'commune', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const VILLAGE_TYPES = ['village', 'residential-group', 'hamlet', 'other'] as const;
export type VillageType = (typeof VILLAGE_TYPES)[number];

export const VILLAGE_TYPE_LABELS: Record<VillageType, string> = {
  village: 'Thôn',
  'residential-group': 'Tổ dân phố',
  hamlet: 'Ấp/Bản',
  other: 'Khác',
};

/** The official lists and the dates they are valid for (the reform took effect on 1 July 2025). */
export const OFFICIAL_LISTS: Record<Exclude<UnitSource, 'local'>, { file: string; validFrom: string | null; validTo: string | null }> = {
  'vn-2025': { file: 'vn-units-2025.csv', validFrom: '2025-07-01', validTo: null },
  'vn-pre2025': { file: 'vn-units-pre2025.csv', validFrom: null, validTo: '2025-06-30' },
};
