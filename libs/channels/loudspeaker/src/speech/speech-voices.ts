import type { TtsVoice } from '../tts/tts-engine.js';

/** The accents an officer picks from, by region, and the espeak-ng voice each one is. */
export const SPEECH_ACCENTS = ['north', 'central', 'south'] as const;
export type SpeechAccent = (typeof SPEECH_ACCENTS)[number];

const VOICE_OF: Record<SpeechAccent, TtsVoice> = { north: 'vi', central: 'vi-vn-x-central', south: 'vi-vn-x-south' };

export function voiceOf(accent: SpeechAccent): TtsVoice {
  return VOICE_OF[accent];
}

/** A preview reads at most this many characters: a long announcement is heard in the editor a part at a time. */
export const SPEECH_PREVIEW_MAX_CHARS = 2_000;
