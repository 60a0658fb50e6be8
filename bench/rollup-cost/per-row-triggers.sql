-- The per-row delivery triggers of migration 1795440000000 (one wide report_settlement row per change),
-- put back over the migrated schema for bench/rollup-cost/settle.sh (as the down() of 1795460000000 does).
ALTER TABLE report_settlement ADD delivery_id bigint, ADD channel text, ADD endpoint text, ADD subscriber_id uuid;
ALTER TABLE report_settlement DROP CONSTRAINT ck_report_settlement_fact;
CREATE OR REPLACE FUNCTION report_settle_delivery_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_settlement (fact, bucket, sign, delivery_id, occurrence_id, broadcast_id, channel, endpoint, subscriber_id)
        SELECT 'delivery', report_delivery_bucket(n.status, n.failure_reason), 1, n.id, n.occurrence_id, n.broadcast_id, n.channel, n.endpoint, n.subscriber_id
          FROM new_rows n
         WHERE report_delivery_bucket(n.status, n.failure_reason) IS NOT NULL;
        RETURN NULL;
      END $$;
CREATE OR REPLACE FUNCTION report_settle_delivery_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$;
-- The per-row consumer (commit 33db10d) keys report_reach without the content group of migration 1795470000000.
ALTER TABLE report_reach DROP CONSTRAINT pk_report_reach;
ALTER TABLE report_reach ADD CONSTRAINT pk_report_reach PRIMARY KEY (unit_id, day, subscriber_id);
