import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { dataSourceOptions } from './data-source.js';
import { REPOSITORIES } from './repositories/index.js';

/** The Postgres connection and every repository. Services depend on repositories, never on the ORM. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.databaseUrl),
    }),
  ],
  providers: [...REPOSITORIES],
  exports: [...REPOSITORIES],
})
export class PersistenceModule {}
