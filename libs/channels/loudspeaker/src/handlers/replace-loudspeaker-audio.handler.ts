import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { LoudspeakerChannel } from '../loudspeaker.channel.js';

/** Gives an updated emergency's new speech to its items not yet played, once it is rendered. */
@HandlesJob(JOBS.replaceLoudspeakerAudio)
export class ReplaceLoudspeakerAudioHandler implements JobHandler<JobPayload<'replaceLoudspeakerAudio'>> {
  constructor(private readonly channel: LoudspeakerChannel) {}

  handle(payload: JobPayload<'replaceLoudspeakerAudio'>): Promise<unknown> {
    return this.channel.applyReplacement(payload);
  }
}
