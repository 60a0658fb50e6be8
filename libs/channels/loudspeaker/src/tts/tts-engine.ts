/** A rendered speech file: MP3 bytes and the measured length of the speech. */
export interface RenderedSpeech {
  mp3: Buffer;
  durationMs: number;
}

export const TTS_REGIONS = ['north', 'central', 'south'] as const;
export type TtsRegion = (typeof TTS_REGIONS)[number];

/** A voice an engine offers: its id (what the engine is sent), the Vietnamese name officers pick from, its accent. */
export interface TtsVoice {
  id: string;
  label: string;
  region: TtsRegion;
  gender: 'female' | 'male';
}

/** Speed on one scale for every engine (FPT.AI's): 0 normal, -3 slowest, +3 fastest. */
export const TTS_SPEED_MIN = -3;
export const TTS_SPEED_MAX = 3;

export interface TtsRequest {
  text: string;
  /** One of the engine's voice ids. */
  voice: string;
  /** Whole number from TTS_SPEED_MIN to TTS_SPEED_MAX. */
  speed: number;
}

/**
 * Text to speech behind one interface: the local espeak-ng engine is the default, a Vietnamese
 * neural service (FPT.AI) another engine with the same members; each lives in its own folder and
 * is listed in tts-engines.ts. `name` is part of the render cache key, so switching engines never
 * serves another engine's audio. Failures are thrown as the domain's RetryableError (timeouts,
 * 5xx, throttling: the job tries again) or PermanentError (bad request, bad credentials).
 */
export interface TtsEngine {
  readonly name: string;
  readonly voices: readonly TtsVoice[];
  /** The voice used when neither the unit nor LOUDSPEAKER_TTS_VOICE names one. */
  readonly defaultVoice: string;
  render(request: TtsRequest): Promise<RenderedSpeech>;
}

export const TTS_ENGINE = Symbol('TTS_ENGINE');

export function hasVoice(engine: Pick<TtsEngine, 'voices'>, voice: string): boolean {
  return engine.voices.some((v) => v.id === voice);
}

export function isTtsSpeed(speed: number): boolean {
  return Number.isInteger(speed) && speed >= TTS_SPEED_MIN && speed <= TTS_SPEED_MAX;
}
