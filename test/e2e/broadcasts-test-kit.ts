import type { DataSource } from 'typeorm';
import { formatLocalDateTime } from '#domain/schedule/local-format.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

export const TZ = 'Asia/Ho_Chi_Minh';

/** The local calendar date ('YYYY-MM-DD') `days` from today in Viet Nam. */
export function localDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(Date.now() + days * 86_400_000));
}

/** 'HH:mm dd/MM/yyyy', as the API's Vietnamese sentences write times. */
export const vn = (instant: Date) => formatLocalDateTime(instant, TZ);

export interface ScheduleBody {
  messageId: string;
  channels: string[];
  targets: { unitIds: string[]; villageIds?: string[]; tags?: string[] };
  schedule: { kind: 'once'; at: string } | { kind: 'recurring'; rrule: string; startsAt: string; until?: string; count?: number };
}

export const once = (messageId: string, unitId: string, at: Date, channels = ['sms']): ScheduleBody => ({
  messageId,
  channels,
  targets: { unitIds: [unitId] },
  schedule: { kind: 'once', at: at.toISOString() },
});

export async function scheduleBroadcast(api: TestApi, auth: string, body: ScheduleBody): Promise<string> {
  const res = await api.http.post('/api/v1/broadcasts').set('authorization', auth).send(body);
  if (res.status !== 201) throw new Error(`scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Marks the loudspeaker audio a first preview asked for as rendered, so loudspeaker tests need no
 * speech engine (its rendering has its own tests in loudspeakers.e2e-spec.ts).
 */
export async function markAudioReady(db: DataSource, durationMs = 20_000): Promise<void> {
  await db.query(
    `UPDATE loudspeaker_audio SET status = 'ready', storage_key = 'test/audio.mp3', content_type = 'audio/mpeg', size_bytes = 1, duration_ms = $1
      WHERE status = 'pending'`,
    [durationMs],
  );
}

export async function occurrenceIds(db: DataSource, broadcastId: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1 ORDER BY due_at`, [broadcastId]);
  return rows.map((r) => r.id);
}

/** An SMS testbed whose province holds a commune with its officer, and a sibling commune whose officer must see none of it. */
export interface CommuneTestbed extends SmsTestbed {
  commune: TestUnit;
  communeOfficer: TestUser;
  communeAuth: string;
  outsiderAuth: string;
}

export async function startCommuneTestbed(
  names: { province: string; commune: string; outsider: string },
  options: { listen?: boolean } = {},
): Promise<CommuneTestbed> {
  const bed = await startSmsTestbed({ name: names.province, listen: options.listen });
  const { api, province } = bed;
  const commune = await createUnit(api.db, { name: names.commune, level: 'commune', parent: province });
  const outsider = await createUnit(api.db, { name: names.outsider, level: 'commune', parent: province });
  const communeOfficer = await createUser(api.db, { role: 'officer', unit: commune });
  return Object.assign(bed, {
    commune,
    communeOfficer,
    communeAuth: await bearer(api.http, communeOfficer),
    outsiderAuth: await bearer(api.http, await createUser(api.db, { role: 'officer', unit: outsider })),
  });
}
