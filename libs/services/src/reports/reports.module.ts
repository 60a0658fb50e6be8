import { Module } from '@nestjs/common';
import { ReportActivitiesRepository } from './report-activities.repository.js';
import { ReportQueryRepository } from './report-query.repository.js';
import { ReportsService } from './reports.service.js';

/** Reading the reports' rollup for the API. */
@Module({ providers: [ReportQueryRepository, ReportActivitiesRepository, ReportsService], exports: [ReportsService] })
export class ReportsModule {}
