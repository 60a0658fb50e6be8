import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions the schema relies on: ltree (unit tree paths), pg_trgm (diacritic-insensitive search), pgcrypto (uuids). */
export class Extensions1763700000000 implements MigrationInterface {
  name = 'Extensions1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS ltree');
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  }

  async down(): Promise<void> {
    // Extensions may be shared with other schemas in the database: leave them in place.
  }
}
