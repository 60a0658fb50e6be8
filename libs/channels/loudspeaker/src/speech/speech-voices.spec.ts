import { ESPEAK_NG_VOICES } from '../tts/espeak-ng/espeak-ng.voices.js';
import { FPT_AI_VOICES } from '../tts/fpt-ai/fpt-ai.voices.js';
import { SPEECH_ACCENTS, voiceOf } from './speech-voices.js';

describe('voiceOf', () => {
  it('gives each accent a distinct espeak-ng voice the loudspeakers offer', () => {
    const engine = { voices: ESPEAK_NG_VOICES };
    const voices = SPEECH_ACCENTS.map((accent) => voiceOf(engine, accent));
    expect(voices).toEqual(['vi', 'vi-vn-x-central', 'vi-vn-x-south']);
    for (const voice of voices) expect(ESPEAK_NG_VOICES.map((v) => v.id)).toContain(voice);
  });

  it("keeps the unit's voice when it has the accent asked for, else takes the engine's first of that accent", () => {
    const engine = { voices: FPT_AI_VOICES };
    expect(voiceOf(engine, 'south', 'minhquang')).toBe('minhquang');
    expect(voiceOf(engine, 'south', 'banmai')).toBe('lannhi');
    expect(voiceOf(engine, 'central')).toBe('myan');
  });

  it('offers FPT.AI voices of both genders in every region', () => {
    for (const region of SPEECH_ACCENTS) {
      const genders = new Set(FPT_AI_VOICES.filter((v) => v.region === region).map((v) => v.gender));
      expect([...genders].sort()).toEqual(['female', 'male']);
    }
  });
});
