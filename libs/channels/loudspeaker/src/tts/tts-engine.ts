/** A rendered speech file: MP3 bytes and the measured length of the speech. */
export interface RenderedSpeech {
  mp3: Buffer;
  durationMs: number;
}

/**
 * The espeak-ng voices offered (LOUDSPEAKER_TTS_VOICE): northern, central and southern accents.
 * This file imports nothing, so libs/config reads the list from here.
 */
export const TTS_VOICES = ['vi', 'vi-vn-x-central', 'vi-vn-x-south'] as const;
export type TtsVoice = (typeof TTS_VOICES)[number];

/**
 * Text to speech behind one interface: the local espeak-ng engine is the default; a cloud
 * Vietnamese TTS service is another adapter with the same two members. `name` is part of the
 * render cache key, so switching engines never serves another engine's audio.
 */
export interface TtsEngine {
  readonly name: string;
  render(text: string, voice: TtsVoice): Promise<RenderedSpeech>;
}

export const TTS_ENGINE = Symbol('TTS_ENGINE');
