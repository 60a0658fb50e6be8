/**
 * Text as people type it, stored in one spelling: NFC (a Vietnamese letter typed on two keyboards
 * is the same code points), runs of blanks as one space, no blanks around.
 */
export function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}
