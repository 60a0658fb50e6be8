import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A finished broadcast records its outcome: completed, partially-failed (some deliveries failed or
 * undelivered) or failed (nothing reached anyone). Indexes serve the console's lists: broadcasts
 * newest first, occurrences by due time (calendar, "next due"), deliveries by channel.
 */
export class BroadcastOutcome1795310000000 implements MigrationInterface {
  name = 'BroadcastOutcome1795310000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "broadcast" DROP CONSTRAINT "ck_broadcast_status"`);
    await q.query(
      `ALTER TABLE "broadcast" ADD CONSTRAINT "ck_broadcast_status" CHECK (status IN ('scheduled','running','completed','partially-failed','failed','cancelled'))`,
    );
    await q.query(`CREATE INDEX "ix_broadcast_created" ON "broadcast" ("created_at", "id")`);
    await q.query(`CREATE INDEX "ix_occurrence_due" ON "occurrence" ("due_at")`);
    await q.query(`CREATE INDEX "ix_occurrence_held" ON "occurrence" ("broadcast_id") WHERE status = 'held'`);
    await q.query(`CREATE INDEX "ix_delivery_broadcast_channel" ON "delivery" ("broadcast_id", "channel", "status")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_delivery_broadcast_channel"`);
    await q.query(`DROP INDEX "public"."ix_occurrence_held"`);
    await q.query(`DROP INDEX "public"."ix_occurrence_due"`);
    await q.query(`DROP INDEX "public"."ix_broadcast_created"`);
    await q.query(`UPDATE "broadcast" SET status = 'completed' WHERE status IN ('partially-failed','failed')`);
    await q.query(`ALTER TABLE "broadcast" DROP CONSTRAINT "ck_broadcast_status"`);
    await q.query(`ALTER TABLE "broadcast" ADD CONSTRAINT "ck_broadcast_status" CHECK (status IN ('scheduled','running','completed','cancelled'))`);
  }
}
