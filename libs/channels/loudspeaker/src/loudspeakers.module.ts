import { Module } from '@nestjs/common';
import { ttsEngineProvider } from './tts/tts-engines.js';
import { ChannelPolicyRepository } from '#persistence/index.js';
import { StationAudioRepository } from './repositories/station-audio.repository.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';
import { StationRepository } from './repositories/station.repository.js';
import { UnitSpeechSettingRepository } from './repositories/unit-speech-setting.repository.js';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { LoudspeakerPlanner } from './loudspeaker-planner.js';
import { LoudspeakerChannel } from './loudspeaker.channel.js';
import { LOUDSPEAKER_JOB_HANDLERS } from './loudspeaker.handlers.js';
import { StationDeviceService } from './station-device.service.js';
import { StationEventsPublisher } from './station-events.js';
import { StationsService } from './stations.service.js';

/**
 * Loudspeaker stations: management, audio (speech engine chosen here), placement into playlists
 * (its channel definition for the engine) and the device side.
 */
@Module({
  imports: [AttachmentsModule],
  providers: [
    StationRepository,
    StationPlaylistRepository,
    StationAudioRepository,
    UnitSpeechSettingRepository,
    ChannelPolicyRepository,
    ttsEngineProvider,
    LoudspeakerAudioService,
    LoudspeakerPlanner,
    LoudspeakerChannel,
    ...LOUDSPEAKER_JOB_HANDLERS,
    StationEventsPublisher,
    StationsService,
    StationDeviceService,
  ],
  exports: [LoudspeakerChannel, LoudspeakerAudioService, StationsService, StationDeviceService, StationPlaylistRepository],
})
export class LoudspeakersModule {}
