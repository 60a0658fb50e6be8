import type { UnitSource } from '#domain/index.js';
import type { CapAlert, CapValuePair } from './cap.model.js';

/**
 * The geocode valueName for each official list of Vietnamese administrative units (danh mục đơn vị
 * hành chính). Like Canada's "profile:CAP-CP:Location:0.3" it names the list and its edition, because
 * codes were renumbered and reused by the 2025 reform: the same code may be a different unit in each list.
 * Local units (villages) have no official code and so no geocode.
 */
export const VN_GEOCODE_VALUE_NAMES = {
  'vn-2025': 'VN-DVHC-2025',
  'vn-pre2025': 'VN-DVHC-PRE2025',
} as const satisfies Record<Exclude<UnitSource, 'local'>, string>;

type OfficialSource = keyof typeof VN_GEOCODE_VALUE_NAMES;

/** Official codes are digits: 2 for a province, 3 for a district, 5 for a commune. */
const UNIT_CODE = /^(\d{2}|\d{3}|\d{5})$/;

export interface UnitCodeRef {
  source: OfficialSource;
  code: string;
}

/** The geocode for a unit, or null for a unit without an official code. */
export function unitGeocode(unit: { source: UnitSource; code: string | null }): CapValuePair | null {
  if (unit.source === 'local' || !unit.code) return null;
  return { valueName: VN_GEOCODE_VALUE_NAMES[unit.source], value: unit.code };
}

/** The official unit a geocode names, or null when its valueName is not one of ours or its value is not a unit code. */
export function unitOfGeocode(geocode: CapValuePair): UnitCodeRef | null {
  const source = (Object.keys(VN_GEOCODE_VALUE_NAMES) as OfficialSource[]).find((s) => VN_GEOCODE_VALUE_NAMES[s] === geocode.valueName.trim());
  const code = geocode.value.trim();
  return source && UNIT_CODE.test(code) ? { source, code } : null;
}

/**
 * Every geocode of every area, split into the units they name and the rest. Whether a named unit
 * exists is for the caller to check against the unit tree; an alert whose areas name no known unit
 * cannot be placed and is refused by the importer.
 */
export function alertUnitCodes(alert: CapAlert): { units: UnitCodeRef[]; unknown: CapValuePair[] } {
  const units: UnitCodeRef[] = [];
  const unknown: CapValuePair[] = [];
  for (const geocode of alert.infos.flatMap((i) => i.areas.flatMap((a) => a.geocodes))) {
    const unit = unitOfGeocode(geocode);
    if (!unit) unknown.push(geocode);
    else if (!units.some((u) => u.source === unit.source && u.code === unit.code)) units.push(unit);
  }
  return { units, unknown };
}
