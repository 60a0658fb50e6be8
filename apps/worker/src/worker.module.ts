import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, type AppConfig } from '../../../libs/config/src/index.js';
import { PersistenceModule } from '../../../libs/persistence/src/index.js';
import { QueueModule } from '../../../libs/queue/src/index.js';
import { HousekeepingService } from '../../../libs/services/src/housekeeping/housekeeping.service.js';
import { PROCESSORS } from './processors/index.js';
import { SchedulerService } from './scheduler.service.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: { cron?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, customProps: () => ({ service: 'worker' }) } }),
        PersistenceModule,
        QueueModule,
        ...(options.cron === false ? [] : [ScheduleModule.forRoot()]),
      ],
      providers: [...Object.values(PROCESSORS), HousekeepingService, ...(options.cron === false ? [] : [SchedulerService])],
    };
  }
}
