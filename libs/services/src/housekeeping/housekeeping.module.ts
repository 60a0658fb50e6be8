import { Module } from '@nestjs/common';
import { HousekeepingService } from './housekeeping.service.js';
import { PurgeRefreshTokensHandler } from './purge-refresh-tokens.handler.js';

/** Upkeep of tables that only grow by design; its handlers run in the worker. */
@Module({
  providers: [HousekeepingService, PurgeRefreshTokensHandler],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
