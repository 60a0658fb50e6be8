import { Module } from '@nestjs/common';
import { BroadcastViewRepository } from '#persistence/repositories/broadcast-view.repository.js';
import { DashboardRepository } from '#persistence/repositories/dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';

/** The officer's dashboard. */
@Module({ providers: [DashboardRepository, BroadcastViewRepository, DashboardService], exports: [DashboardService] })
export class DashboardModule {}
