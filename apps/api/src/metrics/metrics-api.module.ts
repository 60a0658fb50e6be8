import { Module } from '@nestjs/common';
import { collectProcessDefaults } from '#metrics/index.js';
import { MetricsController } from './metrics.controller.js';
import { OperationsGaugeRepository } from './operations-gauges.repository.js';
import { OperationsGauges } from './operations-gauges.service.js';

/** `/metrics` for Prometheus: this process's counters and the installation's gauges (docs/operations.md#metrics). */
@Module({
  controllers: [MetricsController],
  providers: [OperationsGauges, OperationsGaugeRepository],
})
export class MetricsApiModule {
  onModuleInit(): void {
    collectProcessDefaults();
  }
}
