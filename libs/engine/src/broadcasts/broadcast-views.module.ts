import { Module } from '@nestjs/common';
import {
  ChannelAccountRepository,
  DeliveryRepository,
  MessageContentRepository,
  SocialDeliveryRepository,
} from '#persistence/index.js';
import { BoardRepository } from '#board/board.repository.js';
import { BroadcastViewRepository } from '#persistence/repositories/broadcast-view.repository.js';
import { StationPlaylistRepository } from '#loudspeaker/repositories/station-playlist.repository.js';
import { StationRepository } from '#loudspeaker/repositories/station.repository.js';
import { DispatchModule } from '../engine.module.js';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { BroadcastPreviewService } from './broadcast-preview.service.js';
import { BroadcastReadinessService } from './broadcast-readiness.service.js';
import { BroadcastViewsService } from './broadcast-views.service.js';

/** What officers read about broadcasts before and after scheduling: preview, readiness, lists, deliveries. Writes nothing. */
@Module({
  imports: [DispatchModule, LoudspeakersModule],
  providers: [
    BroadcastViewRepository,
    DeliveryRepository,
    BoardRepository,
    StationRepository,
    StationPlaylistRepository,
    SocialDeliveryRepository,
    ChannelAccountRepository,
    MessageContentRepository,
    BroadcastViewsService,
    BroadcastPreviewService,
    BroadcastReadinessService,
  ],
  exports: [BroadcastViewsService, BroadcastPreviewService, BroadcastReadinessService],
})
export class BroadcastViewsModule {}
