import { Module } from '@nestjs/common';
import { SystemPushesModule } from '#services/upper-systems/system-pushes.module.js';
import { UpperSystemsModule } from '#services/upper-systems/upper-systems.module.js';
import { SignedSystemGuard } from './signed-system.guard.js';
import { SystemRelaysController } from './system-relays.controller.js';
import { SystemsPingController } from './systems-ping.controller.js';
import { UpperSystemsController } from './upper-systems.controller.js';

/** The registry of upper-level systems; other API modules import it for SignedSystemGuard. */
@Module({
  imports: [UpperSystemsModule, SystemPushesModule],
  controllers: [UpperSystemsController, SystemsPingController, SystemRelaysController],
  providers: [SignedSystemGuard],
  exports: [UpperSystemsModule, SignedSystemGuard],
})
export class UpperSystemsApiModule {}
