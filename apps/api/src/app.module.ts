import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, type AppConfig } from '#config/index.js';
import { PersistenceModule } from '#persistence/index.js';
import { QueueModule } from '#queue/index.js';
import { AuthModule } from '#services/auth/auth.module.js';
import { ChannelsModule } from '#channels/channels.module.js';
import { AuthController } from './auth/auth.controller.js';
import { consoleRoot, consoleStaticModules } from './console/console-static.js';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { FEATURE_MODULES } from './features.js';
import { HealthController } from './health/health.controller.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { loggerOptions } from './http/logger.options.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        PersistenceModule,
        QueueModule,
        AuthModule,
        ChannelsModule,
        ...FEATURE_MODULES,
        ...consoleStaticModules(consoleRoot(config.consoleDir)),
      ],
      controllers: [AuthController, HealthController],
      providers: [
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
