import { PrepareLoudspeakerAudioHandler } from './handlers/prepare-loudspeaker-audio.handler.js';

/** The loudspeaker package's job handlers, for its module's providers; the worker discovers them there. */
export const LOUDSPEAKER_JOB_HANDLERS = [PrepareLoudspeakerAudioHandler];
