import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' delivery triggers write aggregates instead of one outbox row per delivery (issue 10:
 * the rollup may cost at most 5 % of SMS throughput; one wide row per state change cost ~9 %).
 *
 * report_delivery_count: per engine statement, one row per (occurrence, channel, unit reached, counted
 * state) with the net number of deliveries that entered (+) or left (−) that state, and the net
 * airtime of loudspeaker items that entered or left `delivered` (the playlist item's duration, joined
 * in the trigger's aggregate: no per-delivery row for loudspeakers either). The unit reached is
 * resolved in the trigger (subscriber's, station's, board's or channel account's unit; NULL = the
 * broadcast's unit, resolved by the rollup).
 *
 * report_reach_change: the one per-citizen fact, narrow: a row only when an SMS delivery enters (+1) or
 * leaves (−1) the reached states sent/delivered (sent → delivered writes none).
 *
 * report_settlement keeps occurrences, broadcasts and messages (one row each, low volume) and loses its
 * delivery columns. Pending delivery settlements are converted here. `down` restores the per-row
 * triggers but cannot split aggregates back into deliveries: it drops the pending ones, so run
 * `npm run cli -- rebuild-reports` after it.
 */
const REACHED = `('sent','delivered')`;

/** The shared body of both delivery triggers: `moved` yields id, occurrence_id, channel, endpoint, subscriber_id, old_bucket, new_bucket. */
const recordMoves = (moved: string) => `
  WITH moved AS (${moved}),
  keyed AS (
    SELECT m.id, m.occurrence_id, m.channel, m.subscriber_id, m.old_bucket, m.new_bucket,
           COALESCE(sub.unit_id, st.unit_id, bd.unit_id, ca.unit_id) AS unit_id
      FROM moved m
      LEFT JOIN subscriber sub ON m.channel = 'sms' AND sub.id = m.subscriber_id
      LEFT JOIN station st ON st.id = (CASE WHEN m.channel = 'loudspeaker' THEN m.endpoint END)::uuid
      LEFT JOIN board bd ON bd.id = (CASE WHEN m.channel = 'board' THEN m.endpoint END)::uuid
      LEFT JOIN channel_account ca ON ca.id = (CASE WHEN m.channel IN ('zalo','facebook') THEN m.endpoint END)::uuid),
  counted AS (
    INSERT INTO report_delivery_count (occurrence_id, channel, unit_id, bucket, n, airtime_ms)
    SELECT k.occurrence_id, k.channel, k.unit_id, x.bucket, sum(x.sign), COALESCE(sum(x.sign * i.duration_ms::bigint), 0)
      FROM keyed k
      CROSS JOIN LATERAL (VALUES (k.old_bucket, -1), (k.new_bucket, 1)) AS x(bucket, sign)
      LEFT JOIN station_playlist_item i ON k.channel = 'loudspeaker' AND x.bucket = 'delivered' AND i.delivery_id = k.id
     WHERE x.bucket IS NOT NULL
     GROUP BY k.occurrence_id, k.channel, k.unit_id, x.bucket
    HAVING sum(x.sign) <> 0 OR COALESCE(sum(x.sign * i.duration_ms::bigint), 0) <> 0)
  INSERT INTO report_reach_change (occurrence_id, unit_id, subscriber_id, sign)
  SELECT k.occurrence_id, k.unit_id, k.subscriber_id, CASE WHEN k.new_bucket IN ${REACHED} THEN 1 ELSE -1 END
    FROM keyed k
   WHERE k.channel = 'sms' AND k.subscriber_id IS NOT NULL
     AND COALESCE(k.old_bucket IN ${REACHED}, false) <> COALESCE(k.new_bucket IN ${REACHED}, false)`;

const INSERTED = `
  SELECT n.id, n.occurrence_id, n.channel, n.endpoint, n.subscriber_id, NULL::text AS old_bucket,
         report_delivery_bucket(n.status, n.failure_reason) AS new_bucket
    FROM new_rows n
   WHERE report_delivery_bucket(n.status, n.failure_reason) IS NOT NULL`;

const UPDATED = `
  SELECT n.id, n.occurrence_id, n.channel, n.endpoint, n.subscriber_id,
         report_delivery_bucket(o.status, o.failure_reason) AS old_bucket, report_delivery_bucket(n.status, n.failure_reason) AS new_bucket
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE report_delivery_bucket(o.status, o.failure_reason) IS DISTINCT FROM report_delivery_bucket(n.status, n.failure_reason)`;

/** Pending per-row delivery settlements of migration 1795440000000, as moves (one per row, signed). */
const PENDING = `
  SELECT s.delivery_id AS id, s.occurrence_id, s.channel, s.endpoint, s.subscriber_id,
         CASE WHEN s.sign < 0 THEN s.bucket END AS old_bucket, CASE WHEN s.sign > 0 THEN s.bucket END AS new_bucket
    FROM report_settlement s
   WHERE s.fact = 'delivery' AND s.occurrence_id IS NOT NULL`;

export class ReportDeliveryCounts1795460000000 implements MigrationInterface {
  name = 'ReportDeliveryCounts1795460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "report_settlement" IN EXCLUSIVE MODE`);
    await q.query(`CREATE TABLE "report_delivery_count" (
      "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "occurrence_id" uuid NOT NULL,
      "channel" text NOT NULL,
      "unit_id" uuid,
      "bucket" text NOT NULL,
      "n" integer NOT NULL,
      "airtime_ms" bigint NOT NULL DEFAULT 0,
      CONSTRAINT "pk_report_delivery_count" PRIMARY KEY ("seq"))`);
    await q.query(`CREATE TABLE "report_reach_change" (
      "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "occurrence_id" uuid NOT NULL,
      "unit_id" uuid,
      "subscriber_id" uuid NOT NULL,
      "sign" smallint NOT NULL,
      CONSTRAINT "pk_report_reach_change" PRIMARY KEY ("seq"),
      CONSTRAINT "ck_report_reach_change_sign" CHECK (sign IN (-1, 1)))`);

    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${recordMoves(INSERTED)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${recordMoves(UPDATED)};
        RETURN NULL;
      END $$`);

    // A pending settlement converts the way the new trigger would have written it (one +1 or −1 move each).
    await q.query(recordMoves(PENDING));
    await q.query(`DELETE FROM "report_settlement" WHERE fact = 'delivery'`);
    await q.query(`ALTER TABLE "report_settlement" DROP CONSTRAINT "ck_report_settlement_fact"`);
    await q.query(`ALTER TABLE "report_settlement" ADD CONSTRAINT "ck_report_settlement_fact" CHECK (fact IN ('occurrence','broadcast','message'))`);
    for (const column of ['delivery_id', 'channel', 'endpoint', 'subscriber_id']) {
      await q.query(`ALTER TABLE "report_settlement" DROP COLUMN "${column}"`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_settlement" ADD "delivery_id" bigint`);
    await q.query(`ALTER TABLE "report_settlement" ADD "channel" text`);
    await q.query(`ALTER TABLE "report_settlement" ADD "endpoint" text`);
    await q.query(`ALTER TABLE "report_settlement" ADD "subscriber_id" uuid`);
    await q.query(`ALTER TABLE "report_settlement" DROP CONSTRAINT "ck_report_settlement_fact"`);
    await q.query(
      `ALTER TABLE "report_settlement" ADD CONSTRAINT "ck_report_settlement_fact" CHECK (fact IN ('delivery','occurrence','broadcast','message'))`,
    );
    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, delivery_id, occurrence_id, broadcast_id, channel, endpoint, subscriber_id)
        SELECT 'delivery', report_delivery_bucket(n.status, n.failure_reason), 1, n.id, n.occurrence_id, n.broadcast_id, n.channel, n.endpoint, n.subscriber_id
          FROM new_rows n
         WHERE report_delivery_bucket(n.status, n.failure_reason) IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, delivery_id, occurrence_id, broadcast_id, channel, endpoint, subscriber_id)
        SELECT 'delivery', x.bucket, x.sign, n.id, n.occurrence_id, n.broadcast_id, n.channel, n.endpoint, n.subscriber_id
          FROM old_rows o
          JOIN new_rows n ON n.id = o.id
          CROSS JOIN LATERAL (VALUES (report_delivery_bucket(o.status, o.failure_reason), -1),
                                     (report_delivery_bucket(n.status, n.failure_reason), 1)) AS x(bucket, sign)
         WHERE report_delivery_bucket(o.status, o.failure_reason) IS DISTINCT FROM report_delivery_bucket(n.status, n.failure_reason)
           AND x.bucket IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE "report_reach_change"`);
    await q.query(`DROP TABLE "report_delivery_count"`);
  }
}
