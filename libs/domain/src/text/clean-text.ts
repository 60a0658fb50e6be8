/**
 * Text as people type it, stored in one spelling: NFC (a Vietnamese letter typed on two keyboards
 * is the same code points), runs of blanks as one space, no blanks around.
 */
export function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A file name as the officer knows it: no path, control characters or unbounded length; `fallback` when nothing is left. */
export function cleanFileName(raw: string, fallback: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255) || fallback;
}

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL: no person types them,
 * Postgres refuses NUL in text, and terminals and SMS gateways act on the others. Input holding one is
 * refused, naming the field, rather than stripped: a silently changed value is worse than a 400.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacter(raw: string): boolean {
  return CONTROL_CHARACTER.test(raw);
}

export const CONTROL_CHARACTER_MESSAGE = 'chứa ký tự điều khiển không được phép (ví dụ ký tự NUL)';

/** The text with those characters removed: only for echoing refused input back (an import's error report), never for storing a value. */
export function withoutControlCharacters(raw: string): string {
  return raw.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '');
}
