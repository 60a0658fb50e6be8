import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets plan targets narrowed to a channel or a content group be measured from the rollup:
 * report_daily.broadcasts_on_channel counts a broadcast once on each of its channels (on the row of
 * that channel; broadcasts_run stays on the row of no channel), and report_reach gains the content
 * group of the message that reached the citizen. Rows rolled up before this migration keep 0 and ''
 * until `npm run cli -- rebuild-reports` recounts them (docs/operations.md).
 */
export class ReportPlanScopes1795470000000 implements MigrationInterface {
  name = 'ReportPlanScopes1795470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_daily" ADD "broadcasts_on_channel" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "report_reach" ADD "content_group" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "report_reach" DROP CONSTRAINT "pk_report_reach"`);
    await q.query(
      `ALTER TABLE "report_reach" ADD CONSTRAINT "pk_report_reach" PRIMARY KEY ("unit_id", "day", "subscriber_id", "content_group")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_reach" DROP CONSTRAINT "pk_report_reach"`);
    await q.query(
      `DELETE FROM "report_reach" r USING "report_reach" o
        WHERE o.unit_id = r.unit_id AND o.day = r.day AND o.subscriber_id = r.subscriber_id AND o.content_group < r.content_group`,
    );
    await q.query(`ALTER TABLE "report_reach" ADD CONSTRAINT "pk_report_reach" PRIMARY KEY ("unit_id", "day", "subscriber_id")`);
    await q.query(`ALTER TABLE "report_reach" DROP COLUMN "content_group"`);
    await q.query(`ALTER TABLE "report_daily" DROP COLUMN "broadcasts_on_channel"`);
  }
}
