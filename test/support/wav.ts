/**
 * A silent 16-bit mono PCM WAV of the given length. `declaredDataLength` overrides the data chunk
 * length written in the header (espeak-ng streams with 0xFFFFFFFF).
 */
export function silentWav(seconds: number, sampleRate = 16_000, declaredDataLength?: number): Buffer {
  const data = Buffer.alloc(seconds * sampleRate * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(declaredDataLength ?? data.length, 40);
  return Buffer.concat([header, data]);
}
