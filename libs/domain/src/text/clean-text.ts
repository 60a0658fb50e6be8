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
