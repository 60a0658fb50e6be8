import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' rollup (issue 10): an outbox of facts filled by triggers, so the engine's code does not
 * change, and the daily rollup it feeds.
 *
 * report_settlement: one row per change of a counted fact, +1 when a delivery enters a counted state
 * (sent, delivered, undelivered, failed, unknown, cancelled, skipped, opted-out = skipped for an
 * opt-out), −1 when it leaves it (sent → delivered, or a supervisor's retry failed → planned), so a
 * delivery is always counted once, in its current state. Occurrences count while planned/completed;
 * a broadcast counts with its first-due occurrence; a message counts at its latest approval. The
 * delivery and occurrence triggers are statement-level with transition tables: one INSERT … SELECT per
 * engine statement, however many rows it moved.
 *
 * report_daily: the counters by (local day, unit reached, content group, channel, priority); ancestors
 * are summed at query time by unit path. report_reach: (day, unit, subscriber) with a net count, for
 * the exact number of distinct citizens reached. report_sms_parts: the parts of an occurrence's SMS
 * text, computed once by the rollup. report_rollup_state: the last settlement consumed (informative:
 * consumption deletes the rows it counts in the same transaction, see report-rollup.repository.ts).
 */
export class ReportRollup1795440000000 implements MigrationInterface {
  name = 'ReportRollup1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_settlement" (
      "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "fact" text NOT NULL,
      "bucket" text NOT NULL,
      "sign" smallint NOT NULL,
      "delivery_id" bigint,
      "occurrence_id" uuid,
      "broadcast_id" uuid,
      "message_id" uuid,
      "version_no" integer,
      "channel" text,
      "endpoint" text,
      "subscriber_id" uuid,
      "fact_at" TIMESTAMP WITH TIME ZONE,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_report_settlement" PRIMARY KEY ("seq"),
      CONSTRAINT "ck_report_settlement_fact" CHECK (fact IN ('delivery','occurrence','broadcast','message')),
      CONSTRAINT "ck_report_settlement_sign" CHECK (sign IN (-1, 1)))`);

    await q.query(`CREATE TABLE "report_daily" (
      "day" date NOT NULL,
      "unit_id" uuid NOT NULL,
      "content_group" text NOT NULL,
      "channel" text NOT NULL,
      "priority" text NOT NULL,
      "messages_approved" integer NOT NULL DEFAULT 0,
      "broadcasts_run" integer NOT NULL DEFAULT 0,
      "occurrences_run" integer NOT NULL DEFAULT 0,
      "sent" integer NOT NULL DEFAULT 0,
      "delivered" integer NOT NULL DEFAULT 0,
      "undelivered" integer NOT NULL DEFAULT 0,
      "failed" integer NOT NULL DEFAULT 0,
      "unknown" integer NOT NULL DEFAULT 0,
      "cancelled" integer NOT NULL DEFAULT 0,
      "skipped" integer NOT NULL DEFAULT 0,
      "opted_out" integer NOT NULL DEFAULT 0,
      "sms_parts" bigint NOT NULL DEFAULT 0,
      "sms_cost_vnd" bigint NOT NULL DEFAULT 0,
      "loudspeaker_plays" integer NOT NULL DEFAULT 0,
      "airtime_ms" bigint NOT NULL DEFAULT 0,
      "board_showings" integer NOT NULL DEFAULT 0,
      "social_posts" integer NOT NULL DEFAULT 0,
      CONSTRAINT "pk_report_daily" PRIMARY KEY ("day", "unit_id", "content_group", "channel", "priority"))`);
    await q.query(`CREATE INDEX "ix_report_daily_unit_day" ON "report_daily" ("unit_id", "day")`);

    await q.query(`CREATE TABLE "report_reach" (
      "day" date NOT NULL,
      "unit_id" uuid NOT NULL,
      "subscriber_id" uuid NOT NULL,
      "n" integer NOT NULL,
      CONSTRAINT "pk_report_reach" PRIMARY KEY ("unit_id", "day", "subscriber_id"))`);

    await q.query(`CREATE TABLE "report_sms_parts" (
      "occurrence_id" uuid NOT NULL,
      "parts" integer NOT NULL,
      CONSTRAINT "pk_report_sms_parts" PRIMARY KEY ("occurrence_id"))`);

    await q.query(`CREATE TABLE "report_rollup_state" (
      "id" smallint NOT NULL,
      "last_seq" bigint NOT NULL DEFAULT 0,
      "consumed" bigint NOT NULL DEFAULT 0,
      "rolled_at" TIMESTAMP WITH TIME ZONE,
      "rebuilt_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_report_rollup_state" PRIMARY KEY ("id"),
      CONSTRAINT "ck_report_rollup_state_single" CHECK (id = 1))`);
    await q.query(`INSERT INTO "report_rollup_state" (id) VALUES (1)`);

    await q.query(`CREATE FUNCTION report_delivery_bucket(status text, reason text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN status = 'skipped' AND reason = 'opted-out' THEN 'opted-out'
                    WHEN status IN ('sent','delivered','undelivered','failed','unknown','cancelled','skipped') THEN status END
      $$`);

    await q.query(`CREATE FUNCTION report_settle_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, delivery_id, occurrence_id, broadcast_id, channel, endpoint, subscriber_id)
        SELECT 'delivery', report_delivery_bucket(n.status, n.failure_reason), 1, n.id, n.occurrence_id, n.broadcast_id, n.channel, n.endpoint, n.subscriber_id
          FROM new_rows n
         WHERE report_delivery_bucket(n.status, n.failure_reason) IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION report_settle_delivery_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`CREATE TRIGGER "tr_delivery_report_insert" AFTER INSERT ON "delivery"
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_settle_delivery_insert()`);
    await q.query(`CREATE TRIGGER "tr_delivery_report_update" AFTER UPDATE ON "delivery"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_settle_delivery_update()`);

    // An occurrence counts while it is planned or completed; the broadcast counts with its first-due occurrence.
    await q.query(`CREATE FUNCTION report_settle_occurrence_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, occurrence_id, broadcast_id)
        SELECT f.fact, 'run', 1, n.id, n.broadcast_id
          FROM new_rows n CROSS JOIN LATERAL (VALUES ('occurrence'), ('broadcast')) AS f(fact)
         WHERE n.status IN ('planned','completed')
           AND (f.fact = 'occurrence' OR NOT EXISTS (SELECT 1 FROM occurrence e WHERE e.broadcast_id = n.broadcast_id AND e.due_at < n.due_at));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION report_settle_occurrence_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, occurrence_id, broadcast_id)
        SELECT f.fact, 'run', c.sign, c.id, c.broadcast_id
          FROM (SELECT n.id, n.broadcast_id, n.due_at, CASE WHEN n.status IN ('planned','completed') THEN 1 ELSE -1 END AS sign
                  FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE (o.status IN ('planned','completed')) <> (n.status IN ('planned','completed'))) c
          CROSS JOIN LATERAL (VALUES ('occurrence'), ('broadcast')) AS f(fact)
         WHERE f.fact = 'occurrence' OR NOT EXISTS (SELECT 1 FROM occurrence e WHERE e.broadcast_id = c.broadcast_id AND e.due_at < c.due_at);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "tr_occurrence_report_insert" AFTER INSERT ON "occurrence"
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_settle_occurrence_insert()`);
    await q.query(`CREATE TRIGGER "tr_occurrence_report_update" AFTER UPDATE ON "occurrence"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_settle_occurrence_update()`);

    // A message counts once, at its latest approval: a re-approval moves it (−1 at the old, +1 at the new).
    await q.query(`CREATE FUNCTION report_settle_message() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.approved_at IS NOT NULL THEN
          INSERT INTO report_settlement (fact, bucket, sign, message_id, version_no, fact_at)
          VALUES ('message', 'approved', -1, OLD.id, OLD.approved_version, OLD.approved_at);
        END IF;
        IF NEW.approved_at IS NOT NULL THEN
          INSERT INTO report_settlement (fact, bucket, sign, message_id, version_no, fact_at)
          VALUES ('message', 'approved', 1, NEW.id, NEW.approved_version, NEW.approved_at);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "tr_message_report_insert" AFTER INSERT ON "message"
      FOR EACH ROW WHEN (NEW.approved_at IS NOT NULL) EXECUTE FUNCTION report_settle_message()`);
    await q.query(`CREATE TRIGGER "tr_message_report_update" AFTER UPDATE ON "message"
      FOR EACH ROW WHEN (OLD.approved_at IS DISTINCT FROM NEW.approved_at OR OLD.approved_version IS DISTINCT FROM NEW.approved_version)
      EXECUTE FUNCTION report_settle_message()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_message_report_update" ON "message"`);
    await q.query(`DROP TRIGGER "tr_message_report_insert" ON "message"`);
    await q.query(`DROP TRIGGER "tr_occurrence_report_update" ON "occurrence"`);
    await q.query(`DROP TRIGGER "tr_occurrence_report_insert" ON "occurrence"`);
    await q.query(`DROP TRIGGER "tr_delivery_report_update" ON "delivery"`);
    await q.query(`DROP TRIGGER "tr_delivery_report_insert" ON "delivery"`);
    await q.query(`DROP FUNCTION report_settle_message()`);
    await q.query(`DROP FUNCTION report_settle_occurrence_update()`);
    await q.query(`DROP FUNCTION report_settle_occurrence_insert()`);
    await q.query(`DROP FUNCTION report_settle_delivery_update()`);
    await q.query(`DROP FUNCTION report_settle_delivery_insert()`);
    await q.query(`DROP FUNCTION report_delivery_bucket(text, text)`);
    await q.query(`DROP TABLE "report_rollup_state"`);
    await q.query(`DROP TABLE "report_sms_parts"`);
    await q.query(`DROP TABLE "report_reach"`);
    await q.query(`DROP TABLE "report_daily"`);
    await q.query(`DROP TABLE "report_settlement"`);
  }
}
