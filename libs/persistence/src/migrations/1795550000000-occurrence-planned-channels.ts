import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning writes an occurrence's channels in transactions of their own (devices first, the first SMS
 * batches ahead of the rest): the channels whose deliveries are all written are kept on the
 * occurrence, so a planner that died between two of them is resumed where it stopped; and when the
 * planner began it (how late an occurrence started, apart from how long it took to write).
 */
export class OccurrencePlannedChannels1795550000000 implements MigrationInterface {
  name = 'OccurrencePlannedChannels1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "occurrence" ADD "planned_channels" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "occurrence" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "occurrence" o SET "planned_channels" = b.channels
                     FROM "broadcast" b WHERE b.id = o.broadcast_id AND o.status NOT IN ('pending','held')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "occurrence" DROP COLUMN "started_at"`);
    await q.query(`ALTER TABLE "occurrence" DROP COLUMN "planned_channels"`);
  }
}
