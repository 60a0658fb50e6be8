import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express from 'express';
import { CAP_MIME_TYPE } from '#emergencies/cap/index.js';
import { CapModule } from '#services/emergencies/cap.module.js';
import { EmergenciesModule } from '#services/emergencies/emergencies.module.js';
import { UpperSystemsApiModule } from '../upper-systems/upper-systems-api.module.js';
import { CAP_UPLOAD_MAX_BYTES, CapImportsController } from './cap-imports.controller.js';
import { CapFeedsController } from './cap-feeds.controller.js';
import { CapSystemController } from './cap-system.controller.js';

/** CAP 1.2 over HTTP: the public alerts and Atom feeds, the console's import and draft send, systems' signed pushes. */
@Module({
  imports: [CapModule, EmergenciesModule, UpperSystemsApiModule],
  controllers: [CapFeedsController, CapImportsController, CapSystemController],
})
export class CapApiModule implements NestModule {
  /** CAP documents come as raw bytes (the signature covers them as received). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.raw({ type: [CAP_MIME_TYPE, 'application/xml', 'text/xml'], limit: CAP_UPLOAD_MAX_BYTES }))
      .forRoutes({ path: 'api/v1/systems/cap/alerts', method: RequestMethod.POST }, { path: 'api/v1/emergencies/cap-imports', method: RequestMethod.POST });
  }
}
