import { foldVietnamese, VILLAGE_TYPE_LABELS, type VillageType } from '#domain/index.js';

/** What search matches: the folded names of a unit (short, full, English), each once, short name first. */
export function searchNameOf(...names: (string | null | undefined)[]): string {
  const parts: string[] = [];
  for (const name of names) {
    const folded = name ? foldVietnamese(name) : '';
    if (folded && !parts.includes(folded)) parts.push(folded);
  }
  return parts.join(' ');
}

/** Folded openings that already say what kind of place a name is ("Thôn Đông", "Tổ dân phố 3", "Tổ 5", "Bản Mển"). */
const PLACE_WORDS = /^(thon|to dan pho|to \d+|khu pho|khu|ap|ban|buon|lang|xom|soc|plei|khom)( |$)/;

/** The kinds whose label goes in front of a bare name. */
const PREFIXED_TYPES: readonly VillageType[] = ['village', 'residential-group'];

/**
 * The full name of a village: the name with its kind in front ("Đông" → "Thôn Đông") unless the name
 * already starts with a place word. Hamlets (ấp, bản, buôn...) and "other" keep their name as typed,
 * because one label cannot fit every region.
 */
export function villageFullName(name: string, type: VillageType): string {
  if (!PREFIXED_TYPES.includes(type) || PLACE_WORDS.test(foldVietnamese(name))) return name;
  return `${VILLAGE_TYPE_LABELS[type]} ${name}`;
}
