import { Module } from '@nestjs/common';
import { BroadcastRepository } from '#persistence/index.js';
import { BoardRepository } from './board.repository.js';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { BoardEventsPublisher } from './board-events.js';
import { BoardFeedService } from './board-feed.service.js';
import { BoardPlanner } from './board-planner.js';
import { BoardsService } from './boards.service.js';

/** Electronic bulletin boards: their registry, their feed and heartbeat, and their channel planner for the engine. */
@Module({
  imports: [AttachmentsModule],
  providers: [BoardRepository, BroadcastRepository, BoardsService, BoardFeedService, BoardPlanner, BoardEventsPublisher],
  exports: [BoardsService, BoardFeedService, BoardPlanner, BoardRepository],
})
export class BoardsModule {}
