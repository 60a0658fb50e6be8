import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery's failure reason becomes a typed column instead of a prefix of last_error
 * ("invalid-endpoint: …") or a literal ('đài đã bị xóa') read back by the failure text. The list is
 * the domain's DELIVERY_FAILURE_REASONS as of this migration; the backfill is the next migration.
 */
export class DeliveryFailureReason1795430000000 implements MigrationInterface {
  name = 'DeliveryFailureReason1795430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "delivery" ADD "failure_reason" text`);
    await q.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "ck_delivery_failure_reason" CHECK (failure_reason IN ('invalid-endpoint','opted-out','bad-request','unauthorized','reconnect-needed','rejected','station-deleted','scheduled-post-deleted','broadcast-cancelled'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "delivery" DROP CONSTRAINT "ck_delivery_failure_reason"`);
    await q.query(`ALTER TABLE "delivery" DROP COLUMN "failure_reason"`);
  }
}
