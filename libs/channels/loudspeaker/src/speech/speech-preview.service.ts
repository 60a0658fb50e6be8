import { Inject, Injectable } from '@nestjs/common';
import { TTS_ENGINE, type TtsEngine } from '../tts/tts-engine.js';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { assertCanAuthor, RateLimitedError, type Actor } from '#domain/index.js';
import { mp3ToWav } from './mp3-to-wav.js';
import { voiceOf, type SpeechAccent } from './speech-voices.js';

/** Renders at once; more would starve the api of its CPU (speech takes about a second per minute of audio). */
export const PREVIEW_RENDERS_AT_ONCE = 2;
const RETRY_AFTER_SECONDS = 5;

export interface SpeechPreview {
  wav: Buffer;
  durationMs: number;
}

/**
 * "Nghe thử" in the message editor: the text spoken by the same engine and voices the loudspeakers use,
 * so the officer hears what the stations will play. Nothing is stored.
 */
@Injectable()
export class SpeechPreviewService {
  private rendering = 0;

  constructor(
    @Inject(TTS_ENGINE) private readonly tts: TtsEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(actor: Actor, text: string, accent: SpeechAccent | undefined): Promise<SpeechPreview> {
    // Hearing a script is part of writing one: the same people may.
    assertCanAuthor(actor);
    if (this.rendering >= PREVIEW_RENDERS_AT_ONCE) {
      throw new RateLimitedError('speech.busy', `Máy chủ đang đọc thử bản khác; hãy thử lại sau ${RETRY_AFTER_SECONDS} giây`, RETRY_AFTER_SECONDS);
    }
    this.rendering++;
    try {
      const voice = accent ? voiceOf(accent) : this.config.loudspeakerTtsVoice;
      const speech = await this.tts.render(text, voice);
      return { wav: await mp3ToWav(speech.mp3), durationMs: speech.durationMs };
    } finally {
      this.rendering--;
    }
  }
}
