import { Module } from '@nestjs/common';
import { ReportRollupModule } from '../reports/report-rollup.module.js';
import { DeliveryPartitionRepository } from './delivery-partition.repository.js';
import { DeliveryPartitionService } from './delivery-partition.service.js';
import { HousekeepingService } from './housekeeping.service.js';
import { PurgeRefreshTokensHandler } from './purge-refresh-tokens.handler.js';
import { UpkeepDeliveryPartitionsHandler } from './upkeep-delivery-partitions.handler.js';

/** Upkeep of tables that only grow by design (tokens, deliveries' monthly partitions); its handlers run in the worker. */
@Module({
  imports: [ReportRollupModule],
  providers: [HousekeepingService, PurgeRefreshTokensHandler, DeliveryPartitionRepository, DeliveryPartitionService, UpkeepDeliveryPartitionsHandler],
  exports: [HousekeepingService, DeliveryPartitionService],
})
export class HousekeepingModule {}
