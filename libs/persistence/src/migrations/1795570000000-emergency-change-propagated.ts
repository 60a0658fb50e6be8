import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An emergency's update or cancellation is committed first and reaches devices, platforms and queues
 * after: `propagated_at` says that second step finished, so a step lost to a crash or a Redis failure
 * is completed by the worker's pass instead of being forgotten. Changes made before this are done.
 */
export class EmergencyChangePropagated1795570000000 implements MigrationInterface {
  name = 'EmergencyChangePropagated1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "emergency_change" ADD "propagated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "emergency_change" SET "propagated_at" = "created_at"`);
    await q.query(`CREATE INDEX "ix_emergency_change_unpropagated" ON "emergency_change" ("created_at") WHERE "propagated_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_emergency_change_unpropagated"`);
    await q.query(`ALTER TABLE "emergency_change" DROP COLUMN "propagated_at"`);
  }
}
