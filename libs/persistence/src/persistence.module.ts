import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { dataSourceOptions } from './data-source.js';
import { REPOSITORIES } from './repositories/index.js';
import { TransactionRunner } from './transaction-runner.js';

/** The Postgres connection, the shared repositories and the transaction runner. Services depend on those, never on the ORM. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.databaseUrl),
    }),
  ],
  providers: [...REPOSITORIES, TransactionRunner],
  exports: [...REPOSITORIES, TransactionRunner],
})
export class PersistenceModule {}
