import { Module } from '@nestjs/common';
import { ExportQueryRepository } from './export-query.repository.js';
import { ExportsService } from './exports.service.js';

@Module({
  providers: [ExportQueryRepository, ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
