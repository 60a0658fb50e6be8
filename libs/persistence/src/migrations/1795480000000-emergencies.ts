import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Emergencies sent in one action, and the per-province rule that a second supervisor must confirm them. */
export class Emergencies1795480000000 implements MigrationInterface {
  name = 'Emergencies1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "emergency" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "message_id" uuid NOT NULL,
      "message_version" integer NOT NULL,
      "unit_id" uuid NOT NULL,
      "status" text NOT NULL,
      "authorisation" text NOT NULL,
      "channels" text array NOT NULL,
      "target_unit_ids" uuid array NOT NULL,
      "created_by" uuid NOT NULL,
      "confirmed_by" uuid,
      "confirmed_at" TIMESTAMP WITH TIME ZONE,
      "broadcast_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_emergency_status" CHECK (status IN ('draft','awaiting-second-supervisor','sent','cancelled')),
      CONSTRAINT "ck_emergency_authorisation" CHECK (authorisation IN ('self','second-supervisor')),
      CONSTRAINT "pk_emergency" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_emergency_unit" ON "emergency" ("unit_id")`);
    await q.query(`CREATE INDEX "ix_emergency_status_created" ON "emergency" ("status", "created_at")`);
    for (const [name, column, table] of [
      ['fk_emergency_message', 'message_id', 'message'],
      ['fk_emergency_unit', 'unit_id', 'admin_unit'],
      ['fk_emergency_created_by', 'created_by', 'app_user'],
      ['fk_emergency_confirmed_by', 'confirmed_by', 'app_user'],
      ['fk_emergency_broadcast', 'broadcast_id', 'broadcast'],
    ]) {
      await q.query(`ALTER TABLE "emergency" ADD CONSTRAINT "${name}"
        FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }
    await q.query(`CREATE TABLE "emergency_policy" (
      "province_id" uuid NOT NULL,
      "require_second_supervisor" boolean NOT NULL DEFAULT false,
      "updated_by" uuid,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_emergency_policy" PRIMARY KEY ("province_id"))`);
    await q.query(`ALTER TABLE "emergency_policy" ADD CONSTRAINT "fk_emergency_policy_province"
      FOREIGN KEY ("province_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "emergency_policy" ADD CONSTRAINT "fk_emergency_policy_updated_by"
      FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "emergency_policy"`);
    await q.query(`DROP TABLE "emergency"`);
  }
}
