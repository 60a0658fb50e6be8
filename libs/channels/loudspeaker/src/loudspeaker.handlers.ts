import { PlaceDueRelaysHandler } from './handlers/place-due-relays.handler.js';
import { PrepareLoudspeakerAudioHandler } from './handlers/prepare-loudspeaker-audio.handler.js';
import { ReplaceLoudspeakerAudioHandler } from './handlers/replace-loudspeaker-audio.handler.js';

/** The loudspeaker package's job handlers, for its module's providers; the worker discovers them there. */
export const LOUDSPEAKER_JOB_HANDLERS = [PrepareLoudspeakerAudioHandler, PlaceDueRelaysHandler, ReplaceLoudspeakerAudioHandler];
