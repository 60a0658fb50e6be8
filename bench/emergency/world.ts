import type { DataSource } from 'typeorm';
import { issueDeviceToken } from '#domain/devices/device-token.js';
import { PasswordHasher } from '#services/auth/password-hasher.js';

export const BENCH_PASSWORD = 'bench-emergency-password';

export interface StationWorld {
  /** Station tokens, one per station: what each simulated device authenticates with. */
  tokens: string[];
  supervisor: { username: string; password: string };
}

/**
 * tincoso has no national level (a supervisor's reach is one province), so the 2025 list's 3,321
 * communes' worth of stations are spread over the communes of the benchmark's province, each with a
 * morning programme slot (06:00–07:00 every day) where a normal broadcast is placed. The supervisor
 * and the officer of bench-db's world get a real password, and its message a loudspeaker script.
 */
export async function addStations(db: DataSource, provinceId: string, count: number): Promise<StationWorld> {
  const tokens: string[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < count; i++) {
    const { token, hash } = issueDeviceToken('station');
    tokens.push(token);
    hashes.push(hash);
  }
  await db.query(
    `WITH communes AS (SELECT array_agg(id ORDER BY code) AS ids FROM admin_unit WHERE parent_id = $1 AND valid_to IS NULL)
     INSERT INTO station (unit_id, name, kind, token_hash)
     SELECT c.ids[1 + (t.n - 1) % cardinality(c.ids)], 'Cụm loa ' || t.n, 'ip-cluster', t.hash
       FROM unnest($2::text[]) WITH ORDINALITY AS t(hash, n), communes c`,
    [provinceId, hashes],
  );
  await db.query(
    `INSERT INTO station_slot (station_id, label, days_of_week, start_time, end_time)
     SELECT id, 'Bản tin sáng', '{1,2,3,4,5,6,7}', '06:00', '07:00' FROM station`,
  );
  // The comparison bulletin is read out on the loudspeakers too, and is a 'priority' one: a province's
  // 'normal' bulletin waits in the communes' relay lists (Thông tư 39), so no station would be told.
  await db.query(
    `UPDATE message_version SET priority = 'priority', renditions = renditions || jsonb_build_object('loudspeaker', $1::text) WHERE version_no = 1`,
    ['Ủy ban nhân dân thành phố thông báo: bộ phận một cửa tiếp nhận hồ sơ trực tuyến, làm việc sáng thứ Bảy.'],
  );
  const hash = await new PasswordHasher().hash(BENCH_PASSWORD);
  await db.query(`UPDATE app_user SET password_hash = $1 WHERE username IN ('bench-supervisor', 'bench-officer')`, [hash]);
  await db.query(`VACUUM ANALYZE station`);
  return { tokens, supervisor: { username: 'bench-supervisor', password: BENCH_PASSWORD } };
}

/** Waits until every loudspeaker audio of the bench database is rendered (a bulletin's speech is made before it is scheduled, as an officer's preview does). */
export async function waitForAudio(db: DataSource): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [{ ready, other }] = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'ready')::int AS ready, count(*) FILTER (WHERE status <> 'ready')::int AS other FROM loudspeaker_audio`,
    );
    if (ready > 0 && other === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the loudspeaker audio was not rendered within 2 minutes');
}
