import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one way a service opens a transaction: `run` commits when the work resolves and rolls back
 * when it throws. Repository methods that take the EntityManager join it; services never hold the
 * DataSource. Provided globally by PersistenceModule.
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
