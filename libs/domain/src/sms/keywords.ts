import { foldVietnamese } from '../text/fold-vietnamese.js';

export type SmsKeyword = 'opt-out' | 'opt-in';

/**
 * Keywords compared folded (no case, no diacritics) and without spaces, so "TỪ CHỐI", "tu choi"
 * and "TUCHOI" are one keyword. Twilio's own opt-out words are included: Twilio blocks the number
 * when it receives them, so recording the opt-out keeps our list truthful.
 */
const OPT_OUT = ['stop', 'huy', 'huydk', 'huydangky', 'tuchoi', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit'];
const OPT_IN = ['start', 'unstop', 'dk', 'dangky'];
const KEYWORDS: ReadonlyMap<string, SmsKeyword> = new Map([
  ...OPT_OUT.map((word) => [word, 'opt-out'] as const),
  ...OPT_IN.map((word) => [word, 'opt-in'] as const),
]);

const TRAILING_PUNCTUATION = /[\s.,;:!?…"'()[\]]+$/u;
const LEADING_PUNCTUATION = /^[\s"'([]+/u;

/**
 * The keyword an inbound SMS is, or null. Only a message that IS the keyword counts ("HỦY!" yes,
 * "tôi không muốn hủy" no), so a citizen's reply is never mistaken for an opt-out.
 */
export function parseKeyword(body: string | null | undefined): SmsKeyword | null {
  if (!body) return null;
  const folded = foldVietnamese(body)
    .replace(LEADING_PUNCTUATION, '')
    .replace(TRAILING_PUNCTUATION, '')
    .replace(/\s+/g, '');
  return KEYWORDS.get(folded) ?? null;
}
