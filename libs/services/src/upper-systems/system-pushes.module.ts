import { Module } from '@nestjs/common';
import { EngineModule } from '#engine/engine.module.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { PromoteSystemPushesHandler } from './promote-system-pushes.handler.js';
import { SystemPushRepository } from './system-push.repository.js';
import { SystemPushesService } from './system-pushes.service.js';

/** Bulletins pushed by upper-level systems into the relay path (api: the signed endpoint; worker: the promotion job). */
@Module({
  imports: [EngineModule],
  providers: [SystemPushRepository, MessageRepository, SystemPushesService, PromoteSystemPushesHandler],
  exports: [SystemPushesService],
})
export class SystemPushesModule {}
