import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, REDACT_PATHS, type AppConfig } from '#config/index.js';
import { PersistenceModule } from '#persistence/index.js';
import { QueueModule } from '#queue/index.js';
import { EngineModule } from '#engine/engine.module.js';
import { ChannelsModule } from '#channels/channels.module.js';
import { HousekeepingModule } from '#services/housekeeping/housekeeping.module.js';
import { ReportRollupModule } from '#services/reports/report-rollup.module.js';
import { SystemPushesModule } from '#services/upper-systems/system-pushes.module.js';
import { SocialCronService } from './social-cron.service.js';
import { QueueWorkersModule } from './queue-workers.module.js';
import { SchedulerService } from './scheduler.service.js';
import { CapFeedsCronService } from './cap-feeds-cron.service.js';
import { CapFeedsWorkerModule } from '#services/emergencies/cap-feeds-worker.module.js';
import { EmergenciesWorkerModule } from '#services/emergencies/emergencies-worker.module.js';
import { MetricsListenerService } from './metrics-listener.service.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';

@Module({})
export class WorkerModule {
  /** `scheduler: false` runs processors only (tests drive the reconciler themselves). */
  static forRoot(config: AppConfig, options: { scheduler?: boolean } = {}): DynamicModule {
    const scheduler = options.scheduler !== false;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: { level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, customProps: () => ({ service: 'worker' }) },
        }),
        PersistenceModule,
        QueueModule,
        ChannelsModule,
        EngineModule,
        HousekeepingModule,
        ReportRollupModule,
        SystemPushesModule,
        CapFeedsWorkerModule,
        EmergenciesWorkerModule,
        QueueWorkersModule,
        ...(scheduler ? [ScheduleModule.forRoot()] : []),
      ],
      providers: [WorkerHeartbeatService, MetricsListenerService, ...(scheduler ? [SchedulerService, SocialCronService, CapFeedsCronService] : [])],
    };
  }
}
