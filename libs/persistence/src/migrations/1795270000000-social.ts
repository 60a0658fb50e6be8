import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Zalo OA / Facebook Page accounts of units (secrets sealed) and the posts social deliveries left. */
export class Social1795270000000 implements MigrationInterface {
  name = 'Social1795270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "channel_account" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "unit_id" uuid NOT NULL,
      "platform" text NOT NULL,
      "name" text NOT NULL,
      "external_id" text NOT NULL,
      "app_id" text,
      "app_secret_enc" text,
      "access_token_enc" text NOT NULL,
      "refresh_token_enc" text,
      "access_expires_at" TIMESTAMP WITH TIME ZONE,
      "can_broadcast" boolean NOT NULL DEFAULT false,
      "status" text NOT NULL DEFAULT 'active',
      "status_reason" text,
      "last_checked_at" TIMESTAMP WITH TIME ZONE,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_channel_account_platform" CHECK (platform IN ('zalo','facebook')),
      CONSTRAINT "ck_channel_account_status" CHECK (status IN ('active','needs_reconnect','disabled')),
      CONSTRAINT "PK_channel_account" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_channel_account_external" ON "channel_account" ("unit_id", "platform", "external_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_channel_account_expiry" ON "channel_account" ("access_expires_at") WHERE platform = 'zalo' AND status = 'active'`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_account" ADD CONSTRAINT "fk_channel_account_unit" FOREIGN KEY ("unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE TABLE "social_post" (
      "delivery_id" bigint NOT NULL,
      "broadcast_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "platform" text NOT NULL,
      "marker" text NOT NULL,
      "post_id" text,
      "state" text NOT NULL,
      "scheduled_for" TIMESTAMP WITH TIME ZONE,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_social_post_state" CHECK (state IN ('scheduled','published','deleted')),
      CONSTRAINT "PK_social_post" PRIMARY KEY ("delivery_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_social_post_scheduled" ON "social_post" ("broadcast_id") WHERE state = 'scheduled'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_social_post_scheduled"`);
    await queryRunner.query(`DROP TABLE "social_post"`);
    await queryRunner.query(`ALTER TABLE "channel_account" DROP CONSTRAINT "fk_channel_account_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_channel_account_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_channel_account_external"`);
    await queryRunner.query(`DROP TABLE "channel_account"`);
  }
}
