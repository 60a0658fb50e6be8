import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A province's brandname, Unicode permission and registered templates on an SMS-brandname gateway (eSMS). */
export class SmsSenderProfile1795410000000 implements MigrationInterface {
  name = 'SmsSenderProfile1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sms_sender_profile" (
      "unit_id" uuid NOT NULL,
      "provider" text NOT NULL,
      "brandname" text NOT NULL,
      "unicode_allowed" boolean NOT NULL DEFAULT false,
      "templates" text array NOT NULL DEFAULT '{}',
      "updated_by" uuid,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_sms_sender_profile" PRIMARY KEY ("unit_id", "provider"))`);
    await q.query(`ALTER TABLE "sms_sender_profile" ADD CONSTRAINT "fk_sms_sender_profile_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "sms_sender_profile" ADD CONSTRAINT "fk_sms_sender_profile_updated_by"
      FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sms_sender_profile"`);
  }
}
