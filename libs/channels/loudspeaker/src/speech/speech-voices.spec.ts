import { TTS_VOICES } from '../tts/tts-engine.js';
import { SPEECH_ACCENTS, voiceOf } from './speech-voices.js';

describe('voiceOf', () => {
  it('gives each accent a distinct espeak-ng voice the loudspeakers offer', () => {
    const voices = SPEECH_ACCENTS.map(voiceOf);
    expect(voices).toEqual(['vi', 'vi-vn-x-central', 'vi-vn-x-south']);
    for (const voice of voices) expect(TTS_VOICES).toContain(voice);
  });
});
