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
import { StationSentMarks } from './station-sent-marks.js';
import { DeviceVersions } from '#engine/devices/device-versions.js';
import { StationEventsPublisher } from './station-events.js';
import { StationsService } from './stations.service.js';
import { StationPlacer } from './station-placer.js';
import { RelayAutoPlacer } from './relays/relay-auto-placer.js';
import { RelayPlanner } from './relays/relay-planner.js';
import { RelayRepository } from './relays/relay.repository.js';
import { RelaysService } from './relays/relays.service.js';

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
    StationPlacer,
    RelayRepository,
    RelayPlanner,
    RelaysService,
    RelayAutoPlacer,
    LoudspeakerPlanner,
    LoudspeakerChannel,
    ...LOUDSPEAKER_JOB_HANDLERS,
    StationEventsPublisher,
    StationsService,
    StationDeviceService,
    StationSentMarks,
    DeviceVersions,
  ],
  exports: [LoudspeakerChannel, LoudspeakerAudioService, StationsService, StationDeviceService, StationPlaylistRepository, RelaysService, RelayAutoPlacer],
})
export class LoudspeakersModule {}
