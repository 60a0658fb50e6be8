import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Communication plans (kế hoạch thông tin, tuyên truyền CCHC), their targets and per-unit overrides, and the activity log. */
export class PlansActivities1795450000000 implements MigrationInterface {
  name = 'PlansActivities1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "communication_plan" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "title" text NOT NULL,
      "period_from" date NOT NULL,
      "period_to" date NOT NULL,
      "decision_number" text,
      "decision_date" date,
      "decision_signer" text,
      "decision_attachment_id" uuid,
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_communication_plan_period" CHECK (period_to >= period_from),
      CONSTRAINT "pk_communication_plan" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_communication_plan_unit" ON "communication_plan" ("unit_id")`);
    await q.query(`ALTER TABLE "communication_plan" ADD CONSTRAINT "fk_communication_plan_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "communication_plan" ADD CONSTRAINT "fk_communication_plan_attachment"
      FOREIGN KEY ("decision_attachment_id") REFERENCES "attachment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "plan_target" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "plan_id" uuid NOT NULL,
      "metric" text NOT NULL,
      "activity_kind" text,
      "content_group" text,
      "channel" text,
      "unit_level" text NOT NULL,
      "value" numeric(14,2) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_plan_target_value" CHECK (value >= 0),
      CONSTRAINT "ck_plan_target_level" CHECK (unit_level IN ('province','district','commune','village')),
      CONSTRAINT "pk_plan_target" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_plan_target_plan" ON "plan_target" ("plan_id")`);
    await q.query(`ALTER TABLE "plan_target" ADD CONSTRAINT "fk_plan_target_plan"
      FOREIGN KEY ("plan_id") REFERENCES "communication_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "plan_target_override" (
      "target_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "value" numeric(14,2) NOT NULL,
      CONSTRAINT "ck_plan_target_override_value" CHECK (value >= 0),
      CONSTRAINT "pk_plan_target_override" PRIMARY KEY ("target_id", "unit_id"))`);
    await q.query(`ALTER TABLE "plan_target_override" ADD CONSTRAINT "fk_plan_target_override_target"
      FOREIGN KEY ("target_id") REFERENCES "plan_target"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "plan_target_override" ADD CONSTRAINT "fk_plan_target_override_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "communication_activity" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "title" text NOT NULL,
      "occurred_on" date NOT NULL,
      "place" text NOT NULL,
      "participants" integer NOT NULL,
      "content_groups" text array NOT NULL DEFAULT '{}',
      "attachment_ids" uuid array NOT NULL DEFAULT '{}',
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_communication_activity_kind" CHECK (kind IN ('conference','dialogue','contest','training','leaflet','mobile-propaganda')),
      CONSTRAINT "ck_communication_activity_participants" CHECK (participants >= 0),
      CONSTRAINT "pk_communication_activity" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_communication_activity_unit_day" ON "communication_activity" ("unit_id", "occurred_on")`);
    await q.query(`ALTER TABLE "communication_activity" ADD CONSTRAINT "fk_communication_activity_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "communication_activity"`);
    await q.query(`DROP TABLE "plan_target_override"`);
    await q.query(`DROP TABLE "plan_target"`);
    await q.query(`DROP TABLE "communication_plan"`);
  }
}
