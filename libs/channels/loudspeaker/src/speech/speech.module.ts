import { Module } from '@nestjs/common';
import { UnitSpeechSettingRepository } from '../repositories/unit-speech-setting.repository.js';
import { ttsEngineProvider } from '../tts/tts-engines.js';
import { SpeechPreviewService } from './speech-preview.service.js';
import { SpeechSettingsService } from './speech-settings.service.js';

/** The editor's speech preview and the per-unit voice settings, on the engine the loudspeakers use (TTS_ENGINE). */
@Module({
  providers: [ttsEngineProvider, UnitSpeechSettingRepository, SpeechSettingsService, SpeechPreviewService],
  exports: [SpeechPreviewService, SpeechSettingsService],
})
export class SpeechModule {}
