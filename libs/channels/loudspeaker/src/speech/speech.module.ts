import { Module } from '@nestjs/common';
import { EspeakNgTtsEngine } from '../tts/espeak-ng/espeak-ng.adapter.js';
import { TTS_ENGINE } from '../tts/tts-engine.js';
import { SpeechPreviewService } from './speech-preview.service.js';

/** The editor's speech preview, on the engine the loudspeakers use (the same class as LoudspeakersModule provides). */
@Module({
  providers: [{ provide: TTS_ENGINE, useFactory: () => new EspeakNgTtsEngine() }, SpeechPreviewService],
  exports: [SpeechPreviewService],
})
export class SpeechModule {}
