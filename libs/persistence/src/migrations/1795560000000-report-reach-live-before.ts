import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollup carries a change of report_reach down to report_reach_member and report_reach_citizens as a
 * transition (dead ↔ live). It read the value before the upsert by joining the upsert's RETURNING rows
 * back to its input, two CTEs the planner cannot estimate: settling a 100,000-SMS occurrence became a
 * nested loop over 10^10 pairs (minutes of Postgres CPU taken from the SMS engine). Instead the upsert
 * itself records whether the row was live before it (`SET live_before = n > 0` reads the old row), and
 * the transition is read from RETURNING alone. The column is scratch: only the statement that wrote it
 * reads it.
 */
export class ReportReachLiveBefore1795560000000 implements MigrationInterface {
  name = 'ReportReachLiveBefore1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_reach" ADD "live_before" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "report_reach_member" ADD "live_before" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_reach_member" DROP COLUMN "live_before"`);
    await q.query(`ALTER TABLE "report_reach" DROP COLUMN "live_before"`);
  }
}
