/**
 * Duration of a PCM WAV from its header: data chunk length divided by the byte rate. espeak-ng
 * writes a streaming header whose data length may be 0xFFFFFFFF; the real length is then the rest
 * of the file.
 */
export function wavDurationMs(wav: Buffer): number {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') byteRate = wav.readUInt32LE(body + 8);
    if (id === 'data') {
      if (byteRate === 0) throw new Error('WAVE data before its fmt chunk');
      const length = Math.min(size, wav.length - body);
      return Math.round((length * 1000) / byteRate);
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAVE file without a data chunk');
}
