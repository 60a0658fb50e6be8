/** FPT.AI v5 reads at most 5,000 characters per request and refuses fewer than 3. */
export const FPT_AI_MAX_CHARS = 5_000;
export const FPT_AI_MIN_CHARS = 3;

/**
 * Splits a long script into requests FPT.AI accepts, at sentence ends where possible, else at a
 * space, so a word is never cut; the pieces' MP3s are joined afterwards (joinMp3).
 */
export function splitScript(text: string, maxChars = FPT_AI_MAX_CHARS): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1);
    const sentence = Math.max(...['. ', '! ', '? ', '\n', '; '].map((end) => window.lastIndexOf(end)));
    const cut = sentence > maxChars / 2 ? sentence + 1 : window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : maxChars;
    chunks.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/**
 * MP3 is a sequence of self-contained frames, so files of the same encoder join by concatenation;
 * only the ID3v2 tag at the head of each later piece is dropped (a player would read it as noise).
 */
export function joinMp3(parts: Buffer[]): Buffer {
  return Buffer.concat(parts.map((part, i) => (i === 0 ? part : withoutId3v2(part))));
}

function withoutId3v2(mp3: Buffer): Buffer {
  if (mp3.length < 10 || mp3.toString('latin1', 0, 3) !== 'ID3') return mp3;
  // Tag size: four 7-bit bytes (syncsafe), plus the 10-byte header and a 10-byte footer when flagged.
  const size = ((mp3[6] & 0x7f) << 21) | ((mp3[7] & 0x7f) << 14) | ((mp3[8] & 0x7f) << 7) | (mp3[9] & 0x7f);
  const footer = mp3[5] & 0x10 ? 10 : 0;
  return mp3.subarray(10 + size + footer);
}
