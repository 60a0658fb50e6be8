import { gsmSeptets } from './gsm-charset.js';

export interface StrippedText {
  /** GSM-7 only text. */
  text: string;
  /** Characters that had no GSM-7 equivalent and became '?', each listed once, in order of appearance. */
  replaced: string[];
}

/** Typographic and look-alike characters that word processors and Vietnamese keyboards produce. */
const SUBSTITUTES: Record<string, string> = {
  đ: 'd',
  Đ: 'D',
  // Eth, often typed for Đ by keyboards set to the wrong code page.
  ð: 'd',
  Ð: 'D',
  '₫': 'd',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '´': "'",
  '`': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '•': '-',
  '…': '...',
  '\t': ' ',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\ufeff': '',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const OTHER_SPACES = /[\u2000-\u200a]/g;

/**
 * Vietnamese text "không dấu" for GSM-7 SMS, keeping case: "Cải cách hành chính Đắk Lắk" →
 * "Cai cach hanh chinh Dak Lak". Every mark goes, including those GSM-7 could carry (à, é), so a
 * message never comes out half accented.
 */
export function stripDiacritics(input: string): StrippedText {
  const decomposed = input.normalize('NFD').replace(COMBINING_MARKS, '').replace(OTHER_SPACES, ' ');
  const replaced: string[] = [];
  let text = '';
  for (const char of decomposed) {
    const substitute = SUBSTITUTES[char];
    if (substitute !== undefined) {
      text += substitute;
    } else if (gsmSeptets(char) > 0) {
      text += char;
    } else {
      text += '?';
      if (!replaced.includes(char)) replaced.push(char);
    }
  }
  return { text, replaced };
}
