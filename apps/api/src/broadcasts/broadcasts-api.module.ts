import { Module } from '@nestjs/common';
import { BroadcastViewsModule } from '#engine/broadcasts/broadcast-views.module.js';
import { DispatchModule } from '#engine/engine.module.js';
import { SandboxSmsController } from '../sandbox/sandbox-sms.controller.js';
import { TwilioStatusController } from '../webhooks/twilio-status.controller.js';
import { BroadcastsController } from './broadcasts.controller.js';

@Module({
  imports: [DispatchModule, BroadcastViewsModule],
  controllers: [BroadcastsController, SandboxSmsController, TwilioStatusController],
})
export class BroadcastsApiModule {}
