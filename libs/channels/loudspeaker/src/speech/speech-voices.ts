import { TTS_REGIONS, type TtsEngine, type TtsRegion } from '../tts/tts-engine.js';

/** The accents an officer picks from in the preview, by region. */
export const SPEECH_ACCENTS = TTS_REGIONS;
export type SpeechAccent = TtsRegion;

/**
 * The active engine's voice for an accent: `preferred` (the unit's or the deployment's voice) when
 * it has that accent, else the engine's first voice of it.
 */
export function voiceOf(engine: Pick<TtsEngine, 'voices'>, accent: SpeechAccent, preferred?: string): string {
  const ofAccent = engine.voices.filter((v) => v.region === accent);
  return (ofAccent.find((v) => v.id === preferred) ?? ofAccent[0] ?? engine.voices[0]).id;
}

/** A preview reads at most this many characters: a long announcement is heard in the editor a part at a time. */
export const SPEECH_PREVIEW_MAX_CHARS = 2_000;
