import type { DataSource } from 'typeorm';
import type { Actor } from '#domain/index.js';
import { createDataSource, runMigrations } from '#persistence/index.js';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { UnitImportService } from '#services/units/unit-import.service.js';

export const SMS_TEXT = 'UBND tinh thong bao: bo phan mot cua tiep nhan ho so truc tuyen tai dichvucong.gov.vn, lam viec sang thu Bay.';

export interface BenchWorld {
  province: { id: string; name: string; path: string; communes: number };
  actor: Actor;
  messageId: string;
  subscribers: number;
}

/**
 * Enables or disables the reports' triggers on delivery and occurrence (every trigger named
 * tr_*_report_* on those tables); returns their names. Messages keep theirs (one row per approval).
 */
export async function setReportTriggers(db: DataSource, enabled: boolean): Promise<string[]> {
  const triggers: { table: string; name: string }[] = await db.query(
    `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relname IN ('delivery', 'occurrence') AND t.tgname LIKE 'tr\\_%\\_report\\_%' AND NOT t.tgisinternal ORDER BY 1, 2`,
  );
  for (const t of triggers) await db.query(`ALTER TABLE "${t.table}" ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER "${t.name}"`);
  return triggers.map((t) => `${t.table}.${t.name}`);
}

/** Drops and re-creates the bench database from the maintenance database: every run starts empty. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.replace(/^\//, '');
  if (!/^tincoso_bench\w*$/.test(name)) throw new Error(`refusing to drop database "${name}": the bench only drops tincoso_bench*`);
  url.pathname = '/postgres';
  const admin = await createDataSource(url.toString(), { entities: [], migrations: [] }).initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
}

/**
 * Migrated schema, the official unit lists, the 2025 province with the most communes, `count`
 * subscribers spread evenly over its communes (set-based), an officer and an approved message.
 */
export async function buildWorld(databaseUrl: string, unitsDir: string, count: number): Promise<{ db: DataSource; world: BenchWorld }> {
  await recreateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  await runMigrations(db);
  await new UnitImportService(new UnitImportRepository(db)).importOfficialLists(unitsDir);
  const [province] = await db.query(
    `SELECT p.id, p.name, p.path::text AS path, count(c.id)::int AS communes
       FROM admin_unit p JOIN admin_unit c ON c.parent_id = p.id AND c.valid_to IS NULL
      WHERE p.level = 'province' AND p.valid_to IS NULL
      GROUP BY p.id ORDER BY count(c.id) DESC, p.code LIMIT 1`,
  );
  // Numbers +8491xxxxxxx / +8492…: unique and valid E.164 for up to 10⁷ subscribers.
  await db.query(
    `INSERT INTO subscriber (phone, unit_id, tags, consent_source, consent_at)
     SELECT '+849' || lpad(n::text, 8, '0'), c.ids[1 + n % cardinality(c.ids)], '{}', 'import', now()
       FROM generate_series(10000000, 10000000 + $2::int - 1) AS n,
            (SELECT array_agg(id ORDER BY code) AS ids FROM admin_unit WHERE parent_id = $1 AND valid_to IS NULL) AS c`,
    [province.id, count],
  );
  await db.query(`VACUUM ANALYZE subscriber`);
  const [user] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id)
     VALUES ('bench-officer', 'Bench officer', 'not-a-login', 'officer', $1) RETURNING id`,
    [province.id],
  );
  const [approver] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id)
     VALUES ('bench-supervisor', 'Bench supervisor', 'not-a-login', 'supervisor', $1) RETURNING id`,
    [province.id],
  );
  const [{ id: messageId }] = await db.query(
    `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
     VALUES ($1, $2, 'approved', 1, 1, now(), $3, 1) RETURNING id`,
    [province.id, user.id, approver.id],
  );
  await db.query(
    `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
     VALUES ($1, 1, $2, 'Bench', $3, 'one-stop-shop', 'normal', $4)`,
    [messageId, user.id, SMS_TEXT, JSON.stringify({ sms: SMS_TEXT })],
  );
  // Quiet hours off so the result does not depend on the hour the bench runs; the daily cap stays on (real work per chunk).
  await db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'sms'`);
  return {
    db,
    world: {
      province,
      actor: { userId: user.id, role: 'officer', unitId: province.id, unitPath: province.path },
      messageId,
      subscribers: count,
    },
  };
}

/** Reads the recipients once so the baseline and the engine both start with warm caches. */
export async function warmUp(db: DataSource, provincePath: string): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id
      WHERE ARRAY[$1::ltree] @> u.path AND s.opted_out_at IS NULL`,
    [provincePath],
  );
  await db.query('CHECKPOINT');
  return n;
}

/**
 * Baseline (b): the same rows written by one bare INSERT … SELECT into a copy of the delivery table
 * with the same indexes and constraints (LIKE … INCLUDING ALL), no engine around it. `formerSql`
 * runs the engine's former statement (ON CONFLICT DO NOTHING, rows counted in a CTE) instead, the
 * one SmsDeliveryRepository.planSms replaced (docs/benchmarks.md).
 */
export async function insertSelectIntoCopy(db: DataSource, provincePath: string, batchSize: number, formerSql = false): Promise<{ ms: number; rows: number }> {
  await db.query(`DROP TABLE IF EXISTS bench_delivery_copy`);
  await db.query(`CREATE TABLE bench_delivery_copy (LIKE delivery INCLUDING ALL)`);
  const [occ] = await db.query(`SELECT gen_random_uuid() AS o, gen_random_uuid() AS b`);
  const insert = `INSERT INTO bench_delivery_copy (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
     SELECT $2, now(), $3, 'sms', s.phone, s.id, ((row_number() OVER ()) - 1) / $4, 'planned', now()
       FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id
      WHERE ARRAY[$1::ltree] @> u.path AND s.opted_out_at IS NULL`;
  const sql = formerSql
    ? `WITH planned AS (${insert} ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM planned`
    : insert;
  await db.query('CHECKPOINT');
  const started = performance.now();
  await db.query(sql, [provincePath, occ.o, occ.b, batchSize]);
  const ms = performance.now() - started;
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM bench_delivery_copy`);
  await db.query(`DROP TABLE bench_delivery_copy`);
  return { ms, rows: n };
}
