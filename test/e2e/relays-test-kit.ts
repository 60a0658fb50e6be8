import type { Priority } from '#domain/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import type { TestUnit, TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { plusMinutes, slotAt } from './loudspeakers-test-kit.js';

/** An approved message of `unit` with a loudspeaker script, written as the console would leave it. */
export async function approvedMessage(api: TestApi, unit: TestUnit, author: TestUser, approver: TestUser, script: string, priority: Priority = 'normal'): Promise<string> {
  const [{ id }] = await api.db.query(
    `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
     VALUES ($1, $2, 'approved', 1, 1, now(), $3, 1) RETURNING id`,
    [unit.id, author.id, approver.id],
  );
  await api.db.query(
    `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
     VALUES ($1, 1, $2, $3, $4, 'local-responsibility', $5, $6)`,
    [id, author.id, script.slice(0, 60), script, priority, JSON.stringify({ loudspeaker: script })],
  );
  return id;
}

/** Schedules the message to the loudspeakers of `unit` now, once its audio is ready (the worker renders it). */
export async function scheduleToLoudspeakers(api: TestApi, auth: string, messageId: string, unit: TestUnit): Promise<string> {
  const request = { messageId, channels: ['loudspeaker'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: new Date().toISOString() } };
  await waitFor(() => api.http.post('/api/v1/broadcasts/preview').set('authorization', auth).send(request), (res) => res.status === 200, 30_000, 'loudspeaker audio rendered');
  const res = await api.http.post('/api/v1/broadcasts').set('authorization', auth).send(request);
  if (res.status !== 201) throw new Error(`schedule answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * A daily slot starting some 90–150 minutes from now that does not overlap 17:00–17:10 (local),
 * as [HH:MM start, HH:MM end].
 */
export function soonSlotAvoiding1700(): [string, string] {
  for (const offset of [90, 120, 150]) {
    const { time } = slotAt(offset);
    const [h, m] = time.split(':').map(Number);
    const start = h * 60 + m;
    if (!(start < 17 * 60 + 10 && start + 10 > 17 * 60)) return [time, plusMinutes(time, 10)];
  }
  throw new Error('no slot time found');
}
