import { Module } from '@nestjs/common';
import { DashboardModule } from '#services/dashboard/dashboard.module.js';
import { DashboardController } from './dashboard.controller.js';

@Module({ imports: [DashboardModule], controllers: [DashboardController] })
export class DashboardApiModule {}
