import { availableParallelism, loadavg } from 'node:os';
import type { Actor } from '#domain/index.js';
import type { BroadcastSortField } from '#persistence/repositories/broadcast-view.repository.js';
import { BroadcastViewsService } from '#engine/broadcasts/broadcast-views.service.js';
import { CalendarService } from '#services/calendar/calendar.service.js';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/** The broadcast list and the calendar stay fast with 10,000 broadcasts in the unit (issue 9: ≤ 200 ms p95 on the server). */
describe('broadcast list and calendar with 10,000 broadcasts', () => {
  let api: TestApi;
  let commune: TestUnit;
  let auth: string;
  let officerId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Lớn', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Nhiều Tin', level: 'commune', parent: province });
    const officer = await createUser(api.db, { role: 'officer', unit: commune });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    auth = await bearer(api.http, officer);
    officerId = officer.id;
    const messageId = await createApprovedMessage(api.db, { unit: commune, author: officer, approver: supervisor, sms: 'Thong bao', title: 'Tin mẫu' });
    // 10,000 broadcasts over the past year, each with three daily occurrences; every tenth still pending.
    await api.db.query(
      `WITH b AS (
         INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority, fully_expanded, created_at)
         SELECT $1, $2, 1, $3, CASE WHEN n % 10 = 0 THEN 'scheduled' ELSE 'completed' END, ARRAY['sms'], '{"unitIds":[],"villageIds":[],"tags":[]}',
                '{"kind":"once","at":"2026-01-01T00:00:00Z"}', 'Asia/Ho_Chi_Minh', 'normal', true, now() - n * interval '50 minutes'
           FROM generate_series(1, 10000) AS n
         RETURNING id, created_at, status)
       INSERT INTO occurrence (broadcast_id, due_at, status)
       SELECT b.id, CASE WHEN b.status = 'scheduled' THEN now() + k * interval '1 day' + (b.created_at - now()) / -100 ELSE b.created_at + k * interval '1 day' END,
              CASE WHEN b.status = 'scheduled' THEN 'pending' ELSE 'completed' END
         FROM b, generate_series(0, 2) AS k`,
      [commune.id, messageId, officer.id],
    );
    await api.db.query(`ANALYZE broadcast; ANALYZE occurrence; ANALYZE delivery`);
  }, 120_000);
  afterAll(() => api?.close());

  async function p95(work: () => Promise<unknown>): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      await work();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.ceil(times.length * 0.95) - 1]);
  }

  it('answers every sort and filter of the list and a week of the calendar within 200 ms on the server (idle machine)', async () => {
    const actor: Actor = { userId: officerId, role: 'officer', unitId: commune.id, unitPath: commune.path };
    const views = api.app.get(BroadcastViewsService);
    const calendar = api.app.get(CalendarService);
    const lastMonth = { from: new Date(Date.now() - 30 * 86_400_000), to: new Date() };
    const cases: [string, Parameters<BroadcastViewsService['list']>[1], BroadcastSortField, 'asc' | 'desc', number | null][] = [
      ['newest', {}, 'createdAt', 'desc', 10_000],
      ['next due', {}, 'nextDueAt', 'asc', 10_000],
      ['status', {}, 'status', 'desc', 10_000],
      ['scheduled by next due', { status: 'scheduled' }, 'nextDueAt', 'asc', 1_000],
      ['due last month', lastMonth, 'createdAt', 'desc', null],
    ];
    const timings: Record<string, number> = {};
    for (const [name, filter, field, direction, total] of cases) {
      const run = () => views.list(actor, filter, { field, direction }, { limit: 50, offset: 0 });
      const page = await run();
      if (total !== null) expect(page.total).toBe(total);
      expect(page.items).toHaveLength(50);
      expect(page.items[0].messageTitle).toBe('Tin mẫu');
      if (field === 'nextDueAt') {
        const due = page.items.map((b) => (b.nextDueAt as Date).getTime());
        expect([...due].sort((a, b) => a - b)).toEqual(due);
      }
      timings[name] = await p95(run);
    }
    const week = { from: new Date(Date.now() - 7 * 86_400_000), to: new Date() };
    expect((await calendar.occurrences(actor, week)).length).toBeGreaterThan(100);
    timings.calendarWeek = await p95(() => calendar.occurrences(actor, week));
    // 200 ms is the target on an idle machine; a test machine shared by several runs (load above
    // its cores) stretches every answer alike, so the bound stretches with the load.
    const stretch = Math.max(1, loadavg()[0] / availableParallelism());
    process.stdout.write(`server p95 (ms) with 10,000 broadcasts, load ×${stretch.toFixed(1)}: ${JSON.stringify(timings)}\n`);
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(200 * stretch);

    // Over HTTP, the same page carries the console's fields.
    const res = await api.http.get('/api/v1/broadcasts?pageSize=50&sort=nextDueAt').set('authorization', auth);
    expect(res.body.total).toBe(10_000);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ messageTitle: 'Tin mẫu', unitName: 'Xã Nhiều Tin', status: 'scheduled', nextDueAt: expect.any(String) }));
  });
});
