import type { TtsVoice } from '../tts-engine.js';

/** The espeak-ng Vietnamese voices: one per accent (espeak-ng has no female/male variants of them). */
export const ESPEAK_NG_VOICES: readonly TtsVoice[] = [
  { id: 'vi', label: 'Giọng miền Bắc (espeak-ng)', region: 'north', gender: 'male' },
  { id: 'vi-vn-x-central', label: 'Giọng miền Trung (espeak-ng)', region: 'central', gender: 'male' },
  { id: 'vi-vn-x-south', label: 'Giọng miền Nam (espeak-ng)', region: 'south', gender: 'male' },
];
