import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facebook posts handed over ahead of their time: the post remembers which message version it
 * carries (recorded as 'requested' before the request goes), so a post whose message has changed
 * since can be found and withdrawn before it appears.
 */
export class SocialSchedule1795280000000 implements MigrationInterface {
  name = 'SocialSchedule1795280000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social_post" ADD "message_version" integer`);
    await queryRunner.query(`ALTER TABLE "social_post" DROP CONSTRAINT "ck_social_post_state"`);
    await queryRunner.query(
      `ALTER TABLE "social_post" ADD CONSTRAINT "ck_social_post_state" CHECK (state IN ('requested','scheduled','published','deleted'))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_social_post_waiting" ON "social_post" ("scheduled_for") WHERE state = 'scheduled'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_social_post_waiting"`);
    await queryRunner.query(`DELETE FROM "social_post" WHERE state = 'requested'`);
    await queryRunner.query(`ALTER TABLE "social_post" DROP CONSTRAINT "ck_social_post_state"`);
    await queryRunner.query(`ALTER TABLE "social_post" ADD CONSTRAINT "ck_social_post_state" CHECK (state IN ('scheduled','published','deleted'))`);
    await queryRunner.query(`ALTER TABLE "social_post" DROP COLUMN "message_version"`);
  }
}
