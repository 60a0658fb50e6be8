import { Module } from '@nestjs/common';
import { ReportRollupRepository } from './report-rollup.repository.js';
import { RollupService } from './rollup.service.js';
import { RollUpReportsHandler } from './handlers/roll-up-reports.handler.js';

/** The reports' rollup and its job handler; the worker imports it. */
@Module({
  providers: [ReportRollupRepository, RollupService, RollUpReportsHandler],
  exports: [RollupService],
})
export class ReportRollupModule {}
