import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Updates and cancellations of emergencies (CAP Update/Cancel read them), the SMS follow-up each one
 * sent, and how often an emergency repeats until it is withdrawn.
 */
export class EmergencyChanges1795490000000 implements MigrationInterface {
  name = 'EmergencyChanges1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "emergency" ADD "repeat_every_minutes" integer`);
    await q.query(`ALTER TABLE "emergency" ADD "repeat_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE TABLE "emergency_change" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "emergency_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "message_version" integer NOT NULL,
      "reason" text,
      "origin" text,
      "follow_up_broadcast_id" uuid,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_emergency_change_kind" CHECK (kind IN ('update','cancel')),
      CONSTRAINT "pk_emergency_change" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_emergency_change_emergency" ON "emergency_change" ("emergency_id", "created_at")`);
    await q.query(`CREATE UNIQUE INDEX "ux_emergency_change_cancel" ON "emergency_change" ("emergency_id") WHERE kind = 'cancel'`);
    for (const [name, column, table, onDelete] of [
      ['fk_emergency_change_emergency', 'emergency_id', 'emergency', 'CASCADE'],
      ['fk_emergency_change_follow_up', 'follow_up_broadcast_id', 'broadcast', 'RESTRICT'],
      ['fk_emergency_change_created_by', 'created_by', 'app_user', 'SET NULL'],
    ]) {
      await q.query(`ALTER TABLE "emergency_change" ADD CONSTRAINT "${name}"
        FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "emergency_change"`);
    await q.query(`ALTER TABLE "emergency" DROP COLUMN "repeat_until"`);
    await q.query(`ALTER TABLE "emergency" DROP COLUMN "repeat_every_minutes"`);
  }
}
