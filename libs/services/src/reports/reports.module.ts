import { Module } from '@nestjs/common';
import { ReportQueryRepository } from './report-query.repository.js';
import { ReportsService } from './reports.service.js';

/** Reading the reports' rollup for the API. */
@Module({ providers: [ReportQueryRepository, ReportsService], exports: [ReportsService] })
export class ReportsModule {}
