/**
 * The GSM 03.38 default alphabet (one septet each) and its extension table (escape + one septet,
 * so two septets each). Anything outside both forces the whole message into UCS-2.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

/** Septets a code point takes in GSM-7: 1 (basic), 2 (extension) or 0 when it is not representable. */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return 0;
}

export function isGsmText(text: string): boolean {
  for (const char of text) {
    if (gsmSeptets(char) === 0) return false;
  }
  return true;
}
