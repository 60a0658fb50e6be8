import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messageSearchSql } from '../vietnamese-search.js';

/**
 * Message search over title and body, diacritics ignored: every version stores its folded text in a
 * generated column (Postgres computes it on every write, so no writer can leave it stale, and a
 * search never folds a body again), with a trigram index for LIKE '%…%'.
 */
export class MessageSearch1795330000000 implements MigrationInterface {
  name = 'MessageSearch1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE message_version ADD COLUMN search_text text GENERATED ALWAYS AS (${messageSearchSql()}) STORED NOT NULL`);
    await q.query(`CREATE INDEX ix_message_version_search ON message_version USING gin (search_text gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_message_version_search`);
    await q.query(`ALTER TABLE message_version DROP COLUMN search_text`);
  }
}
