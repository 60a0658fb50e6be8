import type pg from 'pg';

/**
 * 10,000 rows in one commune for each list the console pages through, written set-based: messages
 * (with a current version whose body has searchable words), broadcasts with one occurrence each,
 * subscribers and audit events.
 */
export async function fillCommune(sql: pg.Client, username: string, rows = 10_000): Promise<{ unitId: string }> {
  const [user] = (await sql.query(`SELECT u.id, u.unit_id, a.path FROM app_user u JOIN admin_unit a ON a.id = u.unit_id WHERE u.username = $1`, [username])).rows;
  const groups = ['importance', 'policy', 'local-responsibility', 'government-structure', 'one-stop-shop', 'par-sipas', 'modernisation', 'local-results', 'good-models', 'citizen-rights'];
  await sql.query('BEGIN');
  await sql.query(
    `WITH m AS (
       INSERT INTO message (unit_id, created_by, status, current_version, approved_version, row_version, created_at, updated_at)
       SELECT $1, $2, (ARRAY['draft','submitted','approved','returned'])[1 + g % 4], 1, CASE WHEN g % 4 = 2 THEN 1 END, 1,
              now() - make_interval(mins => g), now() - make_interval(mins => g)
         FROM generate_series(1, $3) g
       RETURNING id, created_at)
     INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, audiences, created_at)
     SELECT m.id, 1, $2, 'Bản tin số ' || row_number() OVER () || ' về thủ tục hành chính',
            'Người dân có thể nộp hồ sơ trực tuyến tại Cổng Dịch vụ công quốc gia; mã ' || md5(m.id::text),
            ($4::text[])[1 + (row_number() OVER ())::int % 10], 'normal', '{citizens}', m.created_at
       FROM m`,
    [user.unit_id, user.id, rows, groups],
  );
  await sql.query(
    `WITH b AS (
       INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority, created_at)
       SELECT $1, m.id, 1, $2, 'completed', '{sms}', jsonb_build_object('unitIds', jsonb_build_array($1::text)),
              jsonb_build_object('kind', 'once', 'at', now() - make_interval(hours => g)), 'Asia/Ho_Chi_Minh', 'normal', now() - make_interval(hours => g)
         FROM generate_series(1, $3) g
         JOIN LATERAL (SELECT id FROM message WHERE unit_id = $1 AND status = 'approved' OFFSET g % 100 LIMIT 1) m ON true
       RETURNING id, created_at)
     INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at, completed_at)
     SELECT b.id, b.created_at, 'completed', 1, b.created_at, b.created_at FROM b`,
    [user.unit_id, user.id, rows],
  );
  await sql.query(
    `INSERT INTO subscriber (phone, full_name, unit_id, tags, consent_source, consent_at)
     SELECT '+8497' || lpad(g::text, 7, '0'), 'Người dân ' || g, $1, '{}', 'import', now()
       FROM generate_series(1, $2) g ON CONFLICT DO NOTHING`,
    [user.unit_id, rows],
  );
  await sql.query(
    `INSERT INTO audit_event (actor_id, unit_id, unit_path, entity_type, entity_id, action, occurred_at)
     SELECT $1, $2, $3, 'message', gen_random_uuid(), 'message.created', now() - make_interval(mins => g)
       FROM generate_series(1, $4) g`,
    [user.id, user.unit_id, user.path, rows],
  );
  await sql.query('COMMIT');
  await sql.query('ANALYZE');
  return { unitId: user.unit_id };
}
