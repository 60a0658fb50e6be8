import { Module } from '@nestjs/common';
import { BroadcastViewsModule } from '#engine/broadcast-views.module.js';
import { EngineModule } from '#engine/engine.module.js';
import { SandboxSmsController } from '../sandbox/sandbox-sms.controller.js';
import { BroadcastsController } from './broadcasts.controller.js';

@Module({
  imports: [EngineModule, BroadcastViewsModule],
  controllers: [BroadcastsController, SandboxSmsController],
})
export class BroadcastsApiModule {}
