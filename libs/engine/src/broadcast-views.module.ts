import { Module } from '@nestjs/common';
import { MessageContentRepository } from '#persistence/index.js';
import { BroadcastViewRepository } from '#persistence/repositories/broadcast-view.repository.js';
import { EngineModule } from './engine.module.js';
import { BroadcastPreviewService } from './broadcasts/broadcast-preview.service.js';
import { BroadcastReadinessService } from './broadcasts/broadcast-readiness.service.js';
import { BroadcastViewsService } from './broadcasts/broadcast-views.service.js';

/** What officers read about broadcasts before and after scheduling: preview, readiness, lists, deliveries. Writes nothing. */
@Module({
  imports: [EngineModule],
  providers: [BroadcastViewRepository, MessageContentRepository, BroadcastViewsService, BroadcastPreviewService, BroadcastReadinessService],
  exports: [BroadcastViewsService, BroadcastPreviewService, BroadcastReadinessService],
})
export class BroadcastViewsModule {}
