import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { CONTENT_GROUP_CODES } from '#domain/index.js';
import { createDataSource, runMigrations } from '#persistence/index.js';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { UnitImportService } from '#services/units/unit-import.service.js';
import { DeliveryPartitionRepository, PARTITIONED_TABLES } from '#services/housekeeping/delivery-partition.repository.js';
import { monthRange } from '#services/housekeeping/partition-months.js';
import { recreateDatabase } from '../sms/bench-db.js';

export const SUPERVISOR = { username: 'bench-supervisor', password: 'bench-reports-password' };
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OCCURRENCES = 1000;
const BROADCASTS = 250;
const MESSAGES = 200;
const STATIONS_PER_COMMUNE = 3;
const SOCIAL_ACCOUNTS = 2;

export interface YearSettings {
  deliveries: number;
  playReports: number;
  communes: number;
  chunk: number;
}

export interface YearWorld {
  province: { id: string; name: string; path: string; communesInProvince: number };
  communes: number;
  subscribers: number;
  stations: number;
  boards: number;
  messages: number;
  broadcasts: number;
  occurrences: number;
  deliveries: { sms: number; loudspeaker: number; board: number; social: number; total: number };
  ms: { setup: number; deliveries: number; indexes: number; vacuum: number };
}

type Log = (line: string) => void;

/** SMS texts of one and two parts (with diacritics: UCS-2, 70 characters a part). */
const SMS_TEXTS = [
  'UBND xã thông báo: tiếp nhận hồ sơ trực tuyến tại dichvucong.gov.vn.',
  'Bộ phận một cửa làm việc sáng thứ Bảy hằng tuần; người dân nộp hồ sơ trực tuyến được giảm phí, lệ phí theo quy định.',
];

/** How the final states of each channel are drawn from a hash of the row number (per mille). */
const SMS_STATES = `CASE
  WHEN r < 850 THEN 'delivered' WHEN r < 890 THEN 'sent' WHEN r < 920 THEN 'undelivered' WHEN r < 940 THEN 'failed'
  WHEN r < 950 THEN 'unknown' WHEN r < 970 THEN 'skipped:opted-out' WHEN r < 980 THEN 'skipped:invalid-endpoint'
  WHEN r < 990 THEN 'cancelled:broadcast-cancelled' ELSE 'failed:rejected' END`;

/** A delivery row from a `g` relation giving: m (row number), o (occurrence row), endpoint, subscriber_id, state. */
const DELIVERY_COLUMNS = `occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, failure_reason, failure_kind,
  not_before, attempts, provider, sent_at, final_at, updated_at`;
function deliveryRow(channel: string, provider: string): string {
  return `o.id, o.due_at, o.broadcast_id, '${channel}', g.endpoint, g.subscriber_id, g.batch_no,
    split_part(g.state, ':', 1), NULLIF(split_part(g.state, ':', 2), ''),
    CASE WHEN split_part(g.state, ':', 1) IN ('failed','undelivered') THEN 'permanent' END,
    o.due_at, CASE WHEN g.state LIKE 'skipped%' OR g.state LIKE 'cancelled%' THEN 0 ELSE 1 END,
    CASE WHEN g.state LIKE 'skipped%' OR g.state LIKE 'cancelled%' THEN NULL ELSE '${provider}' END,
    CASE WHEN g.state IN ('sent','delivered','undelivered','unknown') THEN o.due_at + interval '2 minutes' END,
    CASE WHEN g.state NOT IN ('sent','unknown') THEN o.due_at + interval '5 minutes' END, o.due_at + interval '5 minutes'`;
}

const r = (m: string) => `(hashint8(${m}) & 2147483647) % 1000`;

/**
 * A province's year 2026, written set-based: the official unit lists, `communes` communes of the
 * province with the most, subscribers, stations, boards and two social accounts, 200 approved
 * messages over the ten content groups, 250 broadcasts with 1,000 occurrences spread over the year,
 * then the deliveries in chunks of `chunk` rows. The report triggers are off while it writes (the
 * rebuild counts the rows afterwards) and the delivery table's secondary indexes are re-created
 * after the load, as a bulk load would.
 */
export async function buildYear(databaseUrl: string, unitsDir: string, s: YearSettings, log: Log): Promise<{ db: DataSource; world: YearWorld }> {
  const started = performance.now();
  await recreateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  await runMigrations(db);
  await new UnitImportService(new UnitImportRepository(db)).importOfficialLists(unitsDir);
  const [province] = await db.query(
    `SELECT p.id, p.name, p.path::text AS path, count(c.id)::int AS "communesInProvince"
       FROM admin_unit p JOIN admin_unit c ON c.parent_id = p.id AND c.valid_to IS NULL
      WHERE p.level = 'province' AND p.valid_to IS NULL
      GROUP BY p.id ORDER BY count(c.id) >= $1 DESC, count(c.id), p.code LIMIT 1`,
    [s.communes],
  );
  const communes = Math.min(s.communes, province.communesInProvince);
  const stations = communes * STATIONS_PER_COMMUNE;
  const board = Math.min(OCCURRENCES * communes, Math.floor(s.deliveries * 0.002));
  const social = Math.min(OCCURRENCES * SOCIAL_ACCOUNTS, Math.floor(s.deliveries * 0.0001));
  const loudspeaker = s.playReports;
  const sms = s.deliveries - loudspeaker - board - social;
  if (loudspeaker > OCCURRENCES * stations) throw new Error(`--play-reports ${loudspeaker} exceeds ${OCCURRENCES} occurrences × ${stations} stations`);
  if (sms < OCCURRENCES) throw new Error(`--deliveries ${s.deliveries} leaves ${sms} SMS deliveries: too few`);
  const perOccurrence = Math.ceil(sms / OCCURRENCES);
  // About 100 SMS a citizen a year, and never two deliveries of one occurrence to the same phone.
  const subscribers = Math.max(perOccurrence, communes * 100, Math.ceil(sms / 100));
  if (subscribers > 9_000_000) throw new Error(`${subscribers} subscribers exceed the bench's phone numbering`);

  await db.query(`CREATE TABLE bench_commune AS
    SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, id FROM admin_unit WHERE parent_id = $1 AND valid_to IS NULL ORDER BY code LIMIT $2`, [province.id, communes]);
  await db.query(`ALTER TABLE bench_commune ADD PRIMARY KEY (idx)`);
  const hash = await argon2.hash(SUPERVISOR.password, { type: argon2.argon2id });
  const [officer] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ('bench-officer', 'Bench officer', 'not-a-login', 'officer', $1) RETURNING id`,
    [province.id],
  );
  await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ($1, 'Bench supervisor', $2, 'supervisor', $3)`,
    [SUPERVISOR.username, hash, province.id],
  );

  for (const table of ['delivery', 'occurrence', 'message']) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    await db.query(
      `INSERT INTO subscriber (phone, unit_id, tags, consent_source, consent_at)
       SELECT '+849' || lpad((10000000 + n)::text, 8, '0'), c.id, '{}', 'import', '2025-06-01'
         FROM generate_series(0, $1::int - 1) n JOIN bench_commune c ON c.idx = n % $2`,
      [subscribers, communes],
    );
    await db.query(`CREATE TABLE bench_sub AS SELECT (row_number() OVER (ORDER BY phone) - 1)::int AS idx, id, phone FROM subscriber`);
    await db.query(`ALTER TABLE bench_sub ADD PRIMARY KEY (idx)`);
    await db.query(`CREATE TABLE bench_station AS SELECT idx, gen_random_uuid() AS id, commune FROM
      (SELECT n AS idx, n % $1 AS commune FROM generate_series(0, $2::int - 1) n) x`, [communes, stations]);
    await db.query(`INSERT INTO station (id, unit_id, name, kind, token_hash)
      SELECT s.id, c.id, 'Cụm loa ' || s.idx, 'ip-cluster', 'bench-station-' || s.idx FROM bench_station s JOIN bench_commune c ON c.idx = s.commune`);
    await db.query(`CREATE TABLE bench_board AS SELECT idx, gen_random_uuid() AS id FROM generate_series(0, $1::int - 1) idx`, [communes]);
    await db.query(`INSERT INTO board (id, unit_id, name, token_hash, token_issued_at, created_by)
      SELECT b.id, c.id, 'Bảng tin ' || b.idx, 'bench-board-' || b.idx, '2026-01-01', $1 FROM bench_board b JOIN bench_commune c ON c.idx = b.idx`, [officer.id]);
    await db.query(`CREATE TABLE bench_account AS SELECT idx, gen_random_uuid() AS id, (ARRAY['zalo','facebook'])[idx + 1] AS platform FROM generate_series(0, $1::int - 1) idx`, [SOCIAL_ACCOUNTS]);
    await db.query(`INSERT INTO channel_account (id, unit_id, platform, name, external_id, access_token_enc)
      SELECT a.id, $1, a.platform, 'Trang ' || a.platform, 'bench-' || a.idx, 'not-a-token' FROM bench_account a`, [province.id]);

    await db.query(`CREATE TABLE bench_message AS SELECT idx, gen_random_uuid() AS id, gen_random_uuid() AS audio_id,
        ($1::text[])[1 + idx % cardinality($1::text[])] AS content_group, ($2::text[])[1 + (idx / 10) % 2] AS sms
      FROM generate_series(0, $3::int - 1) idx`, [CONTENT_GROUP_CODES, SMS_TEXTS, MESSAGES]);
    await db.query(`INSERT INTO message (id, unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
      SELECT m.id, $1, $2, 'approved', 1, 1, timestamptz '2026-01-01 09:00+07' + (m.idx * 360 / $3) * interval '1 day', $2, 1 FROM bench_message m`,
      [province.id, officer.id, MESSAGES]);
    await db.query(`INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
      SELECT m.id, 1, $1, 'Tin ' || m.idx, m.sms, m.content_group, 'normal', jsonb_build_object('sms', m.sms) FROM bench_message m`, [officer.id]);
    await db.query(`INSERT INTO loudspeaker_audio (id, cache_key, source, text, status, duration_ms)
      SELECT m.audio_id, 'bench-' || m.idx, 'tts', m.sms, 'ready', 60000 FROM bench_message m`);

    await db.query(`CREATE TABLE bench_broadcast AS SELECT idx, gen_random_uuid() AS id, idx % $1 AS message,
        CASE WHEN ${r('idx')} < 850 THEN 'normal' WHEN ${r('idx')} < 970 THEN 'priority' ELSE 'emergency' END AS priority
      FROM generate_series(0, $2::int - 1) idx`, [MESSAGES, BROADCASTS]);
    await db.query(`INSERT INTO broadcast (id, unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
      SELECT b.id, $1, m.id, 1, $2, 'completed', '{sms,loudspeaker,board,zalo,facebook}', '{}', '{}', $3, b.priority
        FROM bench_broadcast b JOIN bench_message m ON m.idx = b.message`, [province.id, officer.id, TIME_ZONE]);
    await db.query(`CREATE TABLE bench_occ AS SELECT k AS idx, gen_random_uuid() AS id, b.id AS broadcast_id, b.message,
        timestamptz '2026-01-01 07:00+07' + (k * 365 / $1) * interval '1 day' + (k % 12) * interval '1 hour' AS due_at
      FROM generate_series(0, $1::int - 1) k JOIN bench_broadcast b ON b.idx = k % $2`, [OCCURRENCES, BROADCASTS]);
    await db.query(`ALTER TABLE bench_occ ADD PRIMARY KEY (idx)`);
    await db.query(`INSERT INTO occurrence (id, broadcast_id, due_at, status, planned_at, completed_at)
      SELECT id, broadcast_id, due_at, 'completed', due_at, due_at + interval '1 hour' FROM bench_occ`);
    // The year's monthly partitions (the worker keeps only the months around today ready).
    const partitions = new DeliveryPartitionRepository(db);
    for (const table of PARTITIONED_TABLES) for (const month of monthRange('2025-12', '2027-01')) await partitions.ensure(table, month);
    const setupMs = performance.now() - started;
    log(`setup: ${province.name} (${communes} of ${province.communesInProvince} communes), ${subscribers} subscribers, ${stations} stations in ${Math.round(setupMs)} ms`);

    const loadStarted = performance.now();
    const indexes: { name: string; def: string }[] = await db.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'delivery'::regclass AND NOT x.indisprimary`,
    );
    for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
    let written = 0;
    const progress = (n: number) => {
      written += n;
      log(`  deliveries: ${written.toLocaleString('en')} / ${s.deliveries.toLocaleString('en')} (${Math.round((written * 100) / s.deliveries)}%), ${Math.round(written / ((performance.now() - loadStarted) / 1000))} rows/s`);
    };
    for (let a = 0; a < sms; a += s.chunk) {
      const b = Math.min(sms, a + s.chunk);
      await db.query(
        `INSERT INTO delivery (${DELIVERY_COLUMNS})
         SELECT ${deliveryRow('sms', 'twilio')}
           FROM (SELECT m / $3 AS k, ((m % $3) / 500)::int AS batch_no, u.phone AS endpoint, u.id AS subscriber_id, ${SMS_STATES} AS state
                   FROM generate_series($1::bigint, $2::bigint - 1) m
                   CROSS JOIN LATERAL (SELECT ${r('m')} AS r) h
                   JOIN bench_sub u ON u.idx = ((m / $3) * 7919 + m % $3) % $4) g
           JOIN bench_occ o ON o.idx = g.k`,
        [a, b, perOccurrence, subscribers],
      );
      progress(b - a);
    }
    // Loudspeakers: each delivery has its playlist item and the station's play report (end or failure).
    await db.query(
      `INSERT INTO delivery (${DELIVERY_COLUMNS})
       SELECT ${deliveryRow('loudspeaker', 'station')}
         FROM (SELECT m % ${OCCURRENCES} AS k, 0 AS batch_no, st.id::text AS endpoint, NULL::uuid AS subscriber_id,
                      CASE WHEN ${r('m')} < 950 THEN 'delivered' ELSE 'failed' END AS state
                 FROM generate_series(0, $1::bigint - 1) m JOIN bench_station st ON st.idx = (m / ${OCCURRENCES}) % $2) g
         JOIN bench_occ o ON o.idx = g.k`,
      [loudspeaker, stations],
    );
    await db.query(
      `INSERT INTO station_playlist_item (delivery_id, station_id, airs_at, audio_id, priority, duration_ms, title, content_group)
       SELECT d.id, d.endpoint::uuid, d.not_before, m.audio_id, b.priority, 30000 + ${r('d.id')} * 150, 'Tin ' || m.idx, m.content_group
         FROM delivery d JOIN bench_occ o ON o.id = d.occurrence_id JOIN bench_message m ON m.idx = o.message
         JOIN bench_broadcast b ON b.id = d.broadcast_id
        WHERE d.channel = 'loudspeaker'`,
    );
    await db.query(
      `INSERT INTO delivery_receipt (provider, provider_message_id, status, error_code, payload, received_at, delivery_id)
       SELECT 'station', d.id::text, CASE WHEN d.status = 'delivered' THEN 'end' ELSE 'failure' END,
              CASE WHEN d.status = 'failed' THEN 'play-failure' END, jsonb_build_object('stationId', d.endpoint), d.final_at, d.id
         FROM delivery d WHERE d.channel = 'loudspeaker'`,
    );
    progress(loudspeaker);
    await db.query(
      `INSERT INTO delivery (${DELIVERY_COLUMNS})
       SELECT ${deliveryRow('board', 'board')}
         FROM (SELECT m % ${OCCURRENCES} AS k, 0 AS batch_no, bd.id::text AS endpoint, NULL::uuid AS subscriber_id,
                      CASE WHEN ${r('m')} < 970 THEN 'delivered' ELSE 'failed' END AS state
                 FROM generate_series(0, $1::bigint - 1) m JOIN bench_board bd ON bd.idx = (m / ${OCCURRENCES}) % $2) g
         JOIN bench_occ o ON o.idx = g.k`,
      [board, communes],
    );
    await db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before, attempts, provider, sent_at, final_at)
       SELECT o.id, o.due_at, o.broadcast_id, a.platform, a.id::text, 0, CASE WHEN ${r('m')} < 900 THEN 'sent' ELSE 'failed' END,
              o.due_at, 1, a.platform, o.due_at + interval '1 minute', o.due_at + interval '1 minute'
         FROM generate_series(0, $1::bigint - 1) m JOIN bench_occ o ON o.idx = m % ${OCCURRENCES} JOIN bench_account a ON a.idx = m / ${OCCURRENCES}`,
      [social],
    );
    progress(board + social);
    const deliveriesMs = performance.now() - loadStarted;

    const indexStarted = performance.now();
    for (const index of indexes) {
      await db.transaction(async (m) => {
        await m.query(`SET LOCAL maintenance_work_mem = '512MB'`);
        await m.query(index.def.replace(' ON ONLY ', ' ON '));
      });
    }
    const indexesMs = performance.now() - indexStarted;
    log(`delivery indexes re-created in ${Math.round(indexesMs)} ms`);
    for (const table of ['bench_commune', 'bench_sub', 'bench_station', 'bench_board', 'bench_account', 'bench_message', 'bench_broadcast', 'bench_occ']) {
      await db.query(`DROP TABLE ${table}`);
    }
    const vacuumStarted = performance.now();
    await db.query(`VACUUM ANALYZE`);
    const vacuumMs = performance.now() - vacuumStarted;
    log(`VACUUM ANALYZE in ${Math.round(vacuumMs)} ms`);
    return {
      db,
      world: {
        province,
        communes,
        subscribers,
        stations,
        boards: communes,
        messages: MESSAGES,
        broadcasts: BROADCASTS,
        occurrences: OCCURRENCES,
        deliveries: { sms, loudspeaker, board, social, total: sms + loudspeaker + board + social },
        ms: { setup: Math.round(setupMs), deliveries: Math.round(deliveriesMs), indexes: Math.round(indexesMs), vacuum: Math.round(vacuumMs) },
      },
    };
  } finally {
    for (const table of ['delivery', 'occurrence', 'message']) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}

/** The world a --keep run left in its database, read back for a --reuse run. */
export async function describeYear(db: DataSource): Promise<YearWorld> {
  const [province] = await db.query(
    `SELECT p.id, p.name, p.path::text AS path, (SELECT count(*)::int FROM admin_unit c WHERE c.parent_id = p.id AND c.valid_to IS NULL) AS "communesInProvince"
       FROM app_user a JOIN admin_unit p ON p.id = a.unit_id WHERE a.username = $1`,
    [SUPERVISOR.username],
  );
  const [c] = await db.query(
    `SELECT (SELECT count(DISTINCT unit_id)::int FROM subscriber) AS communes, (SELECT count(*)::int FROM subscriber) AS subscribers,
            (SELECT count(*)::int FROM station) AS stations, (SELECT count(*)::int FROM board) AS boards,
            (SELECT count(*)::int FROM message) AS messages, (SELECT count(*)::int FROM broadcast) AS broadcasts,
            (SELECT count(*)::int FROM occurrence) AS occurrences`,
  );
  const byChannel: { channel: string; n: number }[] = await db.query(`SELECT channel, count(*)::int AS n FROM delivery GROUP BY 1`);
  const n = (...channels: string[]) => byChannel.filter((r) => channels.includes(r.channel)).reduce((a, r) => a + r.n, 0);
  const deliveries = { sms: n('sms'), loudspeaker: n('loudspeaker'), board: n('board'), social: n('zalo', 'facebook'), total: n('sms', 'loudspeaker', 'board', 'zalo', 'facebook') };
  return { province, ...c, deliveries, ms: { setup: 0, deliveries: 0, indexes: 0, vacuum: 0 } };
}
