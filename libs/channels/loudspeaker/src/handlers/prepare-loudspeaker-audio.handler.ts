import type { Job } from 'bullmq';
import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { LoudspeakerAudioService } from '../loudspeaker-audio.service.js';

/** Renders a loudspeaker script to speech, or measures an uploaded file, once. */
@HandlesJob(JOBS.prepareLoudspeakerAudio)
export class PrepareLoudspeakerAudioHandler implements JobHandler<JobPayload<'prepareLoudspeakerAudio'>> {
  constructor(private readonly audio: LoudspeakerAudioService) {}

  handle(payload: JobPayload<'prepareLoudspeakerAudio'>, job: Job<JobPayload<'prepareLoudspeakerAudio'>>): Promise<unknown> {
    return this.audio.prepare(payload.audioId, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}
