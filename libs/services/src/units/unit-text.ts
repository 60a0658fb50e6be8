import { foldVietnamese, type VillageType } from '../../../domain/src/index.js';

/** Names are kept in NFC with single spaces, so the same name typed on two keyboards is stored alike. */
export function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

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

const FULL_NAME_PREFIX: Partial<Record<VillageType, string>> = {
  village: 'Thôn',
  'residential-group': 'Tổ dân phố',
};

/**
 * The full name of a village: the name with its kind in front ("Đông" → "Thôn Đông") unless the name
 * already starts with a place word. Hamlets (ấp, bản, buôn...) and "other" keep their name as typed,
 * because one label cannot fit every region.
 */
export function villageFullName(name: string, type: VillageType): string {
  const prefix = FULL_NAME_PREFIX[type];
  if (!prefix) return name;
  const folded = foldVietnamese(name);
  if (PLACE_WORDS.test(folded)) return name;
  return `${prefix} ${name}`;
}
