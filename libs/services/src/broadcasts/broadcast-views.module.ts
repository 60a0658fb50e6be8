import { Module } from '@nestjs/common';
import {
  ChannelAccountRepository,
  DeliveryRepository,
  MessageContentRepository,
  SocialDeliveryRepository,
} from '../../../persistence/src/index.js';
import { BoardRepository } from '../../../persistence/src/repositories/board.repository.js';
import { BroadcastViewRepository } from '../../../persistence/src/repositories/broadcast-view.repository.js';
import { StationPlaylistRepository } from '../../../persistence/src/repositories/station-playlist.repository.js';
import { StationRepository } from '../../../persistence/src/repositories/station.repository.js';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { LoudspeakersModule } from '../loudspeakers/loudspeakers.module.js';
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
