import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, REDACT_PATHS, type AppConfig } from '../../../libs/config/src/index.js';
import { PersistenceModule } from '../../../libs/persistence/src/index.js';
import { QueueModule } from '../../../libs/queue/src/index.js';
import { DispatchModule } from '../../../libs/services/src/dispatch/dispatch.module.js';
import { LoudspeakersModule } from '../../../libs/services/src/loudspeakers/loudspeakers.module.js';
import { HousekeepingService } from '../../../libs/services/src/housekeeping/housekeeping.service.js';
import { SocialModule } from '../../../libs/services/src/social/social.module.js';
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
