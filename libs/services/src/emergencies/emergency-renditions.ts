import { gsmSeptets, LIMITS, smsSegments, type RenditionChannel } from '#domain/index.js';

/** An emergency's text is short enough to be read aloud in about two minutes. */
export const EMERGENCY_TEXT_MAX = 2_000;

export interface EmergencyRenditions {
  sms: string;
  loudspeaker: string;
  social: string;
  board: { title: string; body: string };
}

export type RenditionOverrides = Partial<Pick<EmergencyRenditions, Exclude<RenditionChannel, 'board'>>> & {
  board?: { title: string; body: string };
};

const ELLIPSIS = '...';

/**
 * Each channel's text, from the title and the text unless the supervisor wrote one: the SMS
 * shortened at a word to fit `smsMaxParts`, the loudspeaker script announcing itself as an
 * emergency, the board slide, the social post.
 */
export function emergencyRenditions(title: string, text: string, smsMaxParts: number, overrides: RenditionOverrides = {}): EmergencyRenditions {
  return {
    sms: overrides.sms ?? shortenToParts(fullSms(title, text), smsMaxParts),
    loudspeaker: overrides.loudspeaker ?? `Thông báo khẩn cấp. ${withStop(title)} ${text}`.slice(0, LIMITS.loudspeakerScriptMax),
    social: overrides.social ?? `[KHẨN CẤP] ${title}\n\n${text}`.slice(0, LIMITS.socialMax),
    board: overrides.board ?? { title: shortenToLength(title, LIMITS.boardTitleMax), body: shortenToLength(text, LIMITS.boardBodyMax) },
  };
}

/** The SMS before shortening: the title and the whole text. */
export function fullSms(title: string, text: string): string {
  return `KHẨN CẤP - ${title}: ${text}`.normalize('NFC');
}

/** The text itself when it fits `maxParts` SMS parts, else its longest prefix ending at a word, with "...", that does. */
export function shortenToParts(text: string, maxParts: number): string {
  const fits = (t: string) => smsSegments(t.normalize('NFC')).parts <= maxParts;
  return shortenWhile(text.normalize('NFC'), fits);
}

/** The text itself when it has at most `max` characters, else its longest prefix ending at a word, with "...", that does. */
export function shortenToLength(text: string, max: number): string {
  return shortenWhile(text, (t) => [...t].length <= max);
}

function shortenWhile(text: string, fits: (t: string) => boolean): string {
  if (fits(text)) return text;
  const words = text.split(/(\s+)/);
  let low = 0;
  let high = words.length;
  // Largest k whose first k pieces (words and the spaces between them) plus "..." fit.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(words, mid))) low = mid;
    else high = mid - 1;
  }
  if (low > 0) return cut(words, low);
  // A single word longer than the room: cut it by characters.
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && !fits(chars.slice(0, n).join('') + ELLIPSIS)) n -= 1;
  return chars.slice(0, n).join('') + ELLIPSIS;
}

function cut(pieces: string[], count: number): string {
  return pieces.slice(0, count).join('').trimEnd().replace(/[\s,;:.-]+$/u, '') + ELLIPSIS;
}

function withStop(sentence: string): string {
  return /[.!?…]$/u.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The parts a phone receives, cut where the network cuts them: 153 septets (GSM-7) or 67 UTF-16
 * units (UCS-2) per part of a long message, never inside a surrogate pair or a GSM escape.
 */
export function smsPartTexts(text: string): string[] {
  const body = text.normalize('NFC');
  const segments = smsSegments(body);
  if (segments.parts <= 1) return segments.parts === 0 ? [] : [body];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of body) {
    const size = segments.encoding === 'GSM-7' ? gsmSeptets(char) : char.length;
    if (used + size > segments.perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return parts;
}
