-- The engine's settle pattern for bench/rollup-cost/settle.sh: 200,000 SMS deliveries of one occurrence,
-- subscribers spread round-robin over 168 communes, settled 64 per statement in phone order (chunks
-- touching 64 communes each) or, with CLUSTERED=1, commune by commune (as an import by commune leaves them).
\timing off
SET client_min_messages = warning;
CREATE TEMP TABLE bench_units AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL LIMIT 168;
INSERT INTO app_user (username, display_name, password_hash, role, unit_id) SELECT 'bench-rollup', 'bench-rollup', 'x', 'officer', id FROM bench_units WHERE k = 1;
INSERT INTO subscriber (phone, unit_id, tags, consent_source, consent_at)
SELECT '+849' || lpad(n::text, 8, '0'), u.id, '{}', 'import', now()
  FROM generate_series(10000000, 10199999) n JOIN bench_units u ON u.k = 1 + n % 168;
INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
SELECT u.unit_id, u.id, 'approved', 1, 1, now(), u.id, 1 FROM app_user u WHERE username = 'bench-rollup';
INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
SELECT m.id, 1, m.created_by, 'm', 'b', 'one-stop-shop', 'normal', '{"sms":"UBND tinh thong bao"}' FROM message m;
INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
SELECT m.unit_id, m.id, 1, m.created_by, 'running', '{sms}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal' FROM message m;
INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) SELECT id, now(), 'planned', 1, now() FROM broadcast;
INSERT INTO delivery (occurrence_id, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
SELECT o.id, o.broadcast_id, 'sms', s.phone, s.id, 0, 'planned', now() FROM occurrence o, subscriber s;
VACUUM ANALYZE;
-- chunk_order: d.endpoint (round-robin over communes, as the SMS bench's subscribers) or s.unit_id, d.endpoint.
CREATE TABLE bench_chunk AS
SELECT d.id, (row_number() OVER (ORDER BY :chunk_order) - 1) / 64 AS chunk FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id;
CREATE INDEX ON bench_chunk (chunk);
ANALYZE bench_chunk;
CREATE OR REPLACE PROCEDURE bench_settle() LANGUAGE plpgsql AS $$
DECLARE c int; started timestamptz := clock_timestamp();
BEGIN
  FOR c IN 0 .. (SELECT max(chunk) FROM bench_chunk) LOOP
    UPDATE delivery d SET status = 'sent', sent_at = now(), updated_at = now() FROM bench_chunk t WHERE t.chunk = c AND d.id = t.id;
    COMMIT;
  END LOOP;
  RAISE WARNING 'settle: % ms', round(extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;
