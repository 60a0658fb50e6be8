import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, REDACT_PATHS, type AppConfig } from '#config/index.js';
import { PersistenceModule } from '#persistence/index.js';
import { QueueModule } from '#queue/index.js';
import { DispatchModule } from '#engine/engine.module.js';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { HousekeepingService } from '#services/housekeeping/housekeeping.service.js';
import { SocialModule } from '#social/social.module.js';
import { SocialCronService } from './social-cron.service.js';
import { HANDLERS } from './handlers/index.js';
import { QueueWorkersService } from './queue-workers.service.js';
import { SchedulerService } from './scheduler.service.js';

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
        DispatchModule,
        LoudspeakersModule,
        SocialModule,
        ...(scheduler ? [ScheduleModule.forRoot()] : []),
      ],
      providers: [...HANDLERS, HousekeepingService, QueueWorkersService, ...(scheduler ? [SchedulerService, SocialCronService] : [])],
    };
  }
}
