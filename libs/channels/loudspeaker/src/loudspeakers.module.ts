import { Module } from '@nestjs/common';
import { EspeakNgTtsEngine } from './tts/espeak-ng/espeak-ng.adapter.js';
import { TTS_ENGINE } from './tts/tts-engine.js';
import { ChannelPolicyRepository } from '#persistence/index.js';
import { StationAudioRepository } from './repositories/station-audio.repository.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';
import { StationRepository } from './repositories/station.repository.js';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { LoudspeakerPlanner } from './loudspeaker-planner.js';
import { StationDeviceService } from './station-device.service.js';
import { StationEventsPublisher } from './station-events.js';
import { StationsService } from './stations.service.js';

/**
 * Loudspeaker stations: management, audio (speech engine chosen here), placement into playlists
 * (the planner the engine registers) and the device side. Imported by the engine and the api.
 */
@Module({
  imports: [AttachmentsModule],
  providers: [
    StationRepository,
    StationPlaylistRepository,
    StationAudioRepository,
    ChannelPolicyRepository,
    { provide: TTS_ENGINE, useFactory: () => new EspeakNgTtsEngine() },
    LoudspeakerAudioService,
    LoudspeakerPlanner,
    StationEventsPublisher,
    StationsService,
    StationDeviceService,
  ],
  exports: [LoudspeakerAudioService, LoudspeakerPlanner, StationsService, StationDeviceService, StationPlaylistRepository],
})
export class LoudspeakersModule {}
