import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Upper-level information systems (province, district) with a sealed HMAC key for the signed API. */
export class UpperSystems1795510000000 implements MigrationInterface {
  name = 'UpperSystems1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "upper_system" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "name" text NOT NULL,
      "key_id" text NOT NULL,
      "secret_enc" text NOT NULL,
      "trusted" boolean NOT NULL DEFAULT false,
      "active" boolean NOT NULL DEFAULT true,
      "created_by" uuid,
      "rotated_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_upper_system" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_upper_system_key_id" ON "upper_system" ("key_id")`);
    await q.query(`CREATE INDEX "ix_upper_system_unit" ON "upper_system" ("unit_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_upper_system_user" ON "upper_system" ("user_id")`);
    await q.query(`ALTER TABLE "upper_system" ADD CONSTRAINT "fk_upper_system_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "upper_system" ADD CONSTRAINT "fk_upper_system_user"
      FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "upper_system"`);
  }
}
