import { Module } from '@nestjs/common';
import { SpeechModule } from '#loudspeaker/speech/speech.module.js';
import { SpeechController } from './speech.controller.js';

@Module({
  imports: [SpeechModule],
  controllers: [SpeechController],
})
export class SpeechApiModule {}
