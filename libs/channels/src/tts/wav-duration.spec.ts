import { wavDurationMs } from './wav-duration.js';

function wav(seconds: number, sampleRate = 22_050, declared?: number): Buffer {
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
  header.writeUInt32LE(declared ?? data.length, 40);
  return Buffer.concat([header, data]);
}

describe('wavDurationMs', () => {
  it('reads the duration from the header', () => {
    expect(wavDurationMs(wav(2))).toBe(2000);
  });

  it('uses the file length when the header declares a streaming (unknown) length', () => {
    expect(wavDurationMs(wav(3, 16_000, 0xffffffff))).toBe(3000);
  });

  it('refuses what is not a WAVE file', () => {
    expect(() => wavDurationMs(Buffer.from('ID3 not a wave file'))).toThrow('not a RIFF/WAVE file');
  });
});
