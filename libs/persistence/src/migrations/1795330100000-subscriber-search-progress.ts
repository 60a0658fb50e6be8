import type { MigrationInterface, QueryRunner } from 'typeorm';
import { subscriberNameSearchSql } from '../repositories/subscriber.repository.js';

/**
 * Subscriber search by name (diacritics ignored) and by part of the number, both trigram-indexed;
 * and the known length of an import, for a progress bar while it runs.
 */
export class SubscriberSearchProgress1795330100000 implements MigrationInterface {
  name = 'SubscriberSearchProgress1795330100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_subscriber_name_search ON subscriber USING gin ((${subscriberNameSearchSql()}) gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_subscriber_phone_search ON subscriber USING gin (phone gin_trgm_ops)`);
    await q.query(`ALTER TABLE subscriber_import ADD COLUMN total_rows integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriber_import DROP COLUMN total_rows`);
    await q.query(`DROP INDEX ix_subscriber_phone_search`);
    await q.query(`DROP INDEX ix_subscriber_name_search`);
  }
}
