import { Module } from '@nestjs/common';
import { BroadcastRepository } from '#persistence/index.js';
import { BoardRepository } from './board.repository.js';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { BoardEventsPublisher } from './board-events.js';
import { BoardFeedService } from './board-feed.service.js';
import { BoardPlanner } from './board-planner.js';
import { BoardChannel } from './board.channel.js';
import { BoardsService } from './boards.service.js';
import { DeviceVersions } from '#engine/devices/device-versions.js';

/** Electronic bulletin boards: their registry, their feed and heartbeat, and their channel definition for the engine. */
@Module({
  imports: [AttachmentsModule],
  providers: [BoardRepository, BroadcastRepository, BoardsService, BoardFeedService, BoardPlanner, BoardChannel, BoardEventsPublisher, DeviceVersions],
  exports: [BoardChannel, BoardsService, BoardFeedService, BoardRepository],
})
export class BoardsModule {}
