import { Inject, Injectable } from '@nestjs/common';
import { assertCanAuthor, RateLimitedError, RetryableError, type Actor } from '#domain/index.js';
import { SpeechSettingsService } from './speech-settings.service.js';
import { TTS_ENGINE, type TtsEngine } from '../tts/tts-engine.js';
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
 * "Nghe thử" in the message editor: the text spoken by the same engine, voice and speed the
 * loudspeakers of the officer's unit use, so the officer hears what the stations will play. An
 * accent asked for picks that accent's voice of the engine. Nothing is stored.
 */
@Injectable()
export class SpeechPreviewService {
  private rendering = 0;

  constructor(
    @Inject(TTS_ENGINE) private readonly tts: TtsEngine,
    private readonly settings: SpeechSettingsService,
  ) {}

  async preview(actor: Actor, text: string, accent: SpeechAccent | undefined): Promise<SpeechPreview> {
    // Hearing a script is part of writing one: the same people may.
    assertCanAuthor(actor);
    if (this.rendering >= PREVIEW_RENDERS_AT_ONCE) {
      throw new RateLimitedError('speech.busy', `Máy chủ đang đọc thử bản khác; hãy thử lại sau ${RETRY_AFTER_SECONDS} giây`, RETRY_AFTER_SECONDS);
    }
    this.rendering++;
    try {
      const unit = await this.settings.effectiveForUnit(actor.unitId);
      const voice = accent ? voiceOf(this.tts, accent, unit.voice) : unit.voice;
      const speech = await this.tts.render({ text, voice, speed: unit.speed }).catch((error: unknown) => {
        // A speech service that is slow or throttling now is an answer the officer can act on: try again shortly.
        if (error instanceof RetryableError) {
          throw new RateLimitedError('speech.unavailable', `Dịch vụ đọc văn bản chưa trả lời; hãy thử lại sau ${RETRY_AFTER_SECONDS} giây`, RETRY_AFTER_SECONDS);
        }
        throw error;
      });
      return { wav: await mp3ToWav(speech.mp3), durationMs: speech.durationMs };
    } finally {
      this.rendering--;
    }
  }
}
