import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10's two targets: the rollup may cost at most 5 % of SMS throughput, a year report answers in
 * 300 ms. Two changes (docs/reports.md, "How it stays current"):
 *
 * 1. SMS of an occurrence are counted once, from its delivery rows, when its fan-out is over
 *    (report_sms_settled marks it), instead of per engine statement while it runs: during a fan-out the
 *    delivery triggers write nothing for SMS but take a shared advisory lock per occurrence, which orders
 *    them against the rollup's count (it takes the same lock exclusively, only when no engine transaction
 *    holds it). After the count, later changes (receipts, retries) go through the outboxes as before.
 * 2. Distinct citizens per unit for every year and month (report_reach_citizens), kept from a membership
 *    table (report_reach_member: per period, unit, content group or '*' for any, subscriber, the number of
 *    live report_reach rows), so a year report reads a few hundred rows, not one per SMS.
 *
 * 3. report_monthly: report_daily's counters by calendar month (`day` = the month's 1st), kept in the same
 *    statements, so a report over whole months (a year: 12 rows per key instead of 365) reads it.
 *
 * Every occurrence that already has SMS deliveries is marked settled: its counts so far went through the
 * outboxes. Members and citizens are recounted from report_reach.
 */
const REACHED = `('sent','delivered')`;
/** The first key of the per-occurrence advisory locks (the second: hashtext of the occurrence id). */
const OCCURRENCE_LOCK_CLASS = 1795530;


/** The unit a moved delivery reached, and the rows to count: SMS only for occurrences already settled. */
const recordMoves = (moved: string) => `
  PERFORM pg_advisory_xact_lock_shared(${OCCURRENCE_LOCK_CLASS}, hashtext(x.occurrence_id::text))
     FROM (SELECT DISTINCT occurrence_id FROM (${moved}) m WHERE m.channel = 'sms' ORDER BY 1) x;
  WITH moved AS (
    SELECT m.* FROM (${moved}) m
     WHERE m.channel <> 'sms' OR EXISTS (SELECT 1 FROM report_sms_settled s WHERE s.occurrence_id = m.occurrence_id)),
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

/** Members and citizens from report_reach as it is (what the rebuild runs too, see report-reach.sql.ts). */
const MEMBERS_FROM_REACH = `
  INSERT INTO report_reach_member (kind, period, unit_id, content_group, subscriber_id, days)
  SELECT p.kind, p.period, r.unit_id, p.content_group, r.subscriber_id, count(*)::int
    FROM report_reach r
    CROSS JOIN LATERAL (VALUES ('Y', date_trunc('year', r.day)::date, r.content_group), ('Y', date_trunc('year', r.day)::date, '*'),
                               ('M', date_trunc('month', r.day)::date, '*')) AS p(kind, period, content_group)
   WHERE r.n > 0
   GROUP BY 1, 2, 3, 4, 5`;
const CITIZENS_FROM_MEMBERS = `
  INSERT INTO report_reach_citizens (kind, period, unit_id, content_group, citizens)
  SELECT kind, period, unit_id, content_group, count(*)::int FROM report_reach_member WHERE days > 0 GROUP BY 1, 2, 3, 4`;

const COUNTERS = [
  'messages_approved', 'broadcasts_run', 'occurrences_run', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'cancelled', 'skipped',
  'opted_out', 'sms_parts', 'sms_cost_vnd', 'loudspeaker_plays', 'airtime_ms', 'board_showings', 'social_posts', 'broadcasts_on_channel',
];

export class ReportSmsSettle1795530000000 implements MigrationInterface {
  name = 'ReportSmsSettle1795530000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_sms_settled" (
      "occurrence_id" uuid NOT NULL,
      "settled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_report_sms_settled" PRIMARY KEY ("occurrence_id"))`);
    await q.query(`CREATE TABLE "report_reach_member" (
      "kind" character(1) NOT NULL,
      "period" date NOT NULL,
      "unit_id" uuid NOT NULL,
      "content_group" text NOT NULL,
      "subscriber_id" uuid NOT NULL,
      "days" integer NOT NULL,
      CONSTRAINT "pk_report_reach_member" PRIMARY KEY ("kind", "period", "unit_id", "content_group", "subscriber_id"),
      CONSTRAINT "ck_report_reach_member_kind" CHECK (kind IN ('Y', 'M')))`);
    await q.query(`CREATE TABLE "report_reach_citizens" (
      "kind" character(1) NOT NULL,
      "period" date NOT NULL,
      "unit_id" uuid NOT NULL,
      "content_group" text NOT NULL,
      "citizens" integer NOT NULL,
      CONSTRAINT "pk_report_reach_citizens" PRIMARY KEY ("kind", "period", "unit_id", "content_group"),
      CONSTRAINT "ck_report_reach_citizens_kind" CHECK (kind IN ('Y', 'M')))`);

    await q.query(`CREATE TABLE "report_monthly" (LIKE "report_daily" INCLUDING DEFAULTS)`);
    await q.query(`ALTER TABLE "report_monthly" ADD CONSTRAINT "pk_report_monthly" PRIMARY KEY ("day", "unit_id", "content_group", "channel", "priority")`);
    await q.query(`ALTER TABLE "report_monthly" ADD CONSTRAINT "ck_report_monthly_first" CHECK (extract(day FROM "day") = 1)`);
    await q.query(`CREATE INDEX "ix_report_monthly_unit_day" ON "report_monthly" ("unit_id", "day")`);
    await q.query(`LOCK TABLE "report_daily" IN EXCLUSIVE MODE`);
    await q.query(`INSERT INTO "report_monthly" (day, unit_id, content_group, channel, priority, ${COUNTERS.join(', ')})
      SELECT date_trunc('month', day)::date, unit_id, content_group, channel, priority, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
        FROM "report_daily" GROUP BY 1, 2, 3, 4, 5`);

    // Writers that already counted SMS through the outboxes finish first; later ones see the marks.
    await q.query(`LOCK TABLE "report_delivery_count", "report_reach_change" IN EXCLUSIVE MODE`);
    await q.query(`INSERT INTO "report_sms_settled" (occurrence_id) SELECT DISTINCT occurrence_id FROM delivery WHERE channel = 'sms'`);
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
    await q.query(MEMBERS_FROM_REACH);
    await q.query(CITIZENS_FROM_MEMBERS);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Back to counting every SMS through the outboxes: open occurrences' SMS so far are not counted (run rebuild-reports).
    const plain = (moved: string) =>
      recordMoves(moved)
        .replace(/PERFORM[^;]*;/, '')
        .replace(`WHERE m.channel <> 'sms' OR EXISTS (SELECT 1 FROM report_sms_settled s WHERE s.occurrence_id = m.occurrence_id)`, '');
    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${plain(INSERTED)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION report_settle_delivery_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${plain(UPDATED)};
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE "report_monthly"`);
    await q.query(`DROP TABLE "report_reach_citizens"`);
    await q.query(`DROP TABLE "report_reach_member"`);
    await q.query(`DROP TABLE "report_sms_settled"`);
  }
}
