import { silentWav } from '#test/wav.js';
import { wavDurationMs } from './wav-duration.js';

describe('wavDurationMs', () => {
  it('reads the duration from the header', () => {
    expect(wavDurationMs(silentWav(2, 22_050))).toBe(2000);
  });

  it('uses the file length when the header declares a streaming (unknown) length', () => {
    expect(wavDurationMs(silentWav(3, 16_000, 0xffffffff))).toBe(3000);
  });

  it('refuses what is not a WAVE file', () => {
    expect(() => wavDurationMs(Buffer.from('ID3 not a wave file'))).toThrow('not a RIFF/WAVE file');
  });
});
