import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { LoudspeakerAudioService } from '#loudspeaker/loudspeaker-audio.service.js';
import type { JobHandler } from './job-handler.js';

/** Renders a loudspeaker script to speech, or measures an uploaded file, once. */
@Injectable()
export class TtsAudioHandler implements JobHandler {
  constructor(private readonly audio: LoudspeakerAudioService) {}

  handle(job: Job<{ audioId: string }>): Promise<unknown> {
    return this.audio.prepare(job.data.audioId);
  }
}
