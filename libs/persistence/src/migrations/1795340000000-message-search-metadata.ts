import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messageSearchSql } from '../vietnamese-search.js';

/**
 * TypeORM compares a generated column's expression with the row it keeps in typeorm_metadata. The
 * MessageSearch migration added message_version.search_text without that row, so
 * `migration:generate` wanted to drop and re-add the column; the CI check (scripts/check-migrations.sh)
 * needs entities and migrations to agree.
 */
export class MessageSearchMetadata1795340000000 implements MigrationInterface {
  name = 'MessageSearchMetadata1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS typeorm_metadata ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`,
    );
    await q.query(`DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'message_version' AND "name" = 'search_text'`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'message_version', 'search_text', $1)`,
      [messageSearchSql()],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'message_version' AND "name" = 'search_text'`);
  }
}
