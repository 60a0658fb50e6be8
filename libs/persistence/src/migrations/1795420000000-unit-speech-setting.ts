import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-unit voice and speed of loudspeaker speech (per engine), and the speed a rendered audio was made at. */
export class UnitSpeechSetting1795420000000 implements MigrationInterface {
  name = 'UnitSpeechSetting1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "unit_speech_setting" (
      "unit_id" uuid NOT NULL,
      "engine" text NOT NULL,
      "voice" text NOT NULL,
      "speed" smallint NOT NULL DEFAULT 0,
      "updated_by" uuid,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_unit_speech_setting_speed" CHECK (speed BETWEEN -3 AND 3),
      CONSTRAINT "pk_unit_speech_setting" PRIMARY KEY ("unit_id", "engine"))`);
    await q.query(`ALTER TABLE "unit_speech_setting" ADD CONSTRAINT "fk_unit_speech_setting_unit"
      FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_speech_setting" ADD CONSTRAINT "fk_unit_speech_setting_updated_by"
      FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "loudspeaker_audio" ADD "speed" smallint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "loudspeaker_audio" DROP COLUMN "speed"`);
    await q.query(`DROP TABLE "unit_speech_setting"`);
  }
}
