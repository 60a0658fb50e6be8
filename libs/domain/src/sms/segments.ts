import { InvalidInputError } from '../errors.js';
import { gsmSeptets, isGsmText } from './gsm-charset.js';
import { stripDiacritics } from './strip-diacritics.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Characters as a reader counts them (Unicode code points). */
  characters: number;
  /** What the network counts: septets for GSM-7 (extension characters take two), UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
  /** Units one part holds: 160/153 (GSM-7) or 70/67 (UCS-2), single message or part of a long one. */
  perPart: number;
  remainingInPart: number;
}

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

/**
 * Segment count of exactly this text (count what will be sent: see smsBody). A long message is cut
 * into parts of 153 septets or 67 code units; a part never ends in the middle of a GSM escape pair
 * or a UTF-16 surrogate pair, so such a character opens the next part instead.
 */
export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsmText(text) ? 'GSM-7' : 'UCS-2';
  const sizes: number[] = [];
  for (const char of text) {
    sizes.push(encoding === 'GSM-7' ? gsmSeptets(char) : char.length);
  }
  const { single, multi } = LIMITS[encoding];
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const base = { encoding, characters: sizes.length, units };
  if (units <= single) {
    return { ...base, parts: units === 0 ? 0 : 1, perPart: single, remainingInPart: single - units };
  }
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return { ...base, parts, perPart: multi, remainingInPart: multi - used };
}

/**
 * The text that goes to the provider: NFC (a decomposed "à" would otherwise force UCS-2 and
 * count double) or, for a broadcast sent "không dấu", the transliterated GSM-7 text.
 */
export function smsBody(text: string, withoutDiacritics: boolean): string {
  return withoutDiacritics ? stripDiacritics(text).text : text.normalize('NFC');
}

/** Refuses, at scheduling time, an SMS longer than `maxParts`; returns the segment count otherwise. */
export function assertMaxParts(text: string, maxParts: number, withoutDiacritics: boolean): SmsSegments {
  const segments = smsSegments(smsBody(text, withoutDiacritics));
  if (segments.parts <= maxParts) return segments;
  let advice = 'Hãy rút gọn nội dung.';
  if (!withoutDiacritics && segments.encoding === 'UCS-2') {
    const plain = smsSegments(smsBody(text, true));
    if (plain.parts <= maxParts) advice = `Hãy rút gọn nội dung hoặc gửi không dấu (chỉ cần ${plain.parts} phần).`;
  }
  throw new InvalidInputError([
    {
      field: 'sms',
      rule: 'max-parts',
      message:
        `Tin nhắn SMS dài ${segments.parts} phần (${segments.encoding}, ${segments.units} ký tự), ` +
        `vượt quá giới hạn ${maxParts} phần. ${advice}`,
    },
  ]);
}

/** Cost of sending a message of `parts` parts to `recipients` people; rounded to 6 decimals against float noise. */
export function estimateCost(parts: number, recipients: number, pricePerPart: number): number {
  if (![parts, recipients].every((n) => Number.isInteger(n) && n >= 0) || !(pricePerPart >= 0)) {
    throw new RangeError('parts and recipients must be non-negative integers and the price non-negative');
  }
  return Math.round(parts * recipients * pricePerPart * 1e6) / 1e6;
}
