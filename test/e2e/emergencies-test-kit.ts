import type { DataSource } from 'typeorm';
import { wallTimeOf } from '#domain/index.js';
import type { TestApi } from '#test/test-api.js';

export const TZ = 'Asia/Ho_Chi_Minh';

/** Quiet hours for SMS and loudspeakers from an hour ago to an hour ahead (local), so "now" is inside them. */
export async function quietNow(db: DataSource): Promise<{ start: string; end: string }> {
  const hhmm = (offsetMinutes: number) => {
    const w = wallTimeOf(new Date(Date.now() + offsetMinutes * 60_000), TZ);
    return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  };
  const window = { start: hhmm(-60), end: hhmm(60) };
  await db.query(`UPDATE channel_policy SET quiet_start = $1::time, quiet_end = $2::time WHERE channel IN ('sms', 'loudspeaker')`, [window.start, window.end]);
  return window;
}

/** Rows of the tables an emergency writes: none of them may change when it is refused. */
export async function writtenCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM message)::int AS messages, (SELECT count(*) FROM message_version)::int AS versions,
            (SELECT count(*) FROM broadcast)::int AS broadcasts, (SELECT count(*) FROM occurrence)::int AS occurrences,
            (SELECT count(*) FROM emergency)::int AS emergencies, (SELECT count(*) FROM audit_event)::int AS audit`,
  );
  return row;
}

export async function registerStation(api: TestApi, auth: string, unitId: string): Promise<{ id: string; token: string }> {
  const res = await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ unitId, name: 'Cụm loa trung tâm', kind: 'ip-cluster', vendor: 'Hanet' });
  if (res.status !== 201) throw new Error(`station: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.station.id, token: res.body.token };
}

export async function registerBoard(api: TestApi, auth: string, unitId: string): Promise<{ id: string; token: string }> {
  const res = await api.http.post('/api/v1/boards').set('authorization', auth).send({ unitId, name: 'Bảng tin UBND xã' });
  if (res.status !== 201) throw new Error(`board: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: res.body.token };
}

export async function smsBodiesTo(db: DataSource, broadcastId: string): Promise<{ endpoint: string; status: string }[]> {
  return db.query(`SELECT endpoint, status FROM delivery WHERE broadcast_id = $1 AND channel = 'sms' ORDER BY endpoint`, [broadcastId]);
}
