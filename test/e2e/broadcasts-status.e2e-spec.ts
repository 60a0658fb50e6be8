import type { INestApplicationContext } from '@nestjs/common';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { ReconcilerService } from '#engine/dispatch/reconciler.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { behaviours, type FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { localDay, occurrenceIds, once, scheduleBroadcast, startCommuneTestbed, vn, type CommuneTestbed } from './broadcasts-test-kit.js';

const SMS = 'UBND xa thong bao: tiep cong dan sang thu Hai hang tuan.';

describe('broadcast lists, truthful statuses and deliveries in words', () => {
  let bed: CommuneTestbed;
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let supervisor: TestUser;
  let supervisorAuth: string;
  let communeA: TestUnit;
  let officerA: TestUser;
  let authA: string;
  let authB: string;

  beforeAll(async () => {
    bed = await startCommuneTestbed({ province: 'Tỉnh Trạng Thái', commune: 'Xã An Bình', outsider: 'Xã Bình Minh' }, { listen: true });
    ({ fake, api, worker, supervisor, supervisorAuth, commune: communeA, communeOfficer: officerA, communeAuth: authA, outsiderAuth: authB } = bed);
  });
  afterAll(() => bed?.close());
  beforeEach(() => fake.reset());

  const message = (title: string, sms = SMS) => createApprovedMessage(api.db, { unit: communeA, author: officerA, approver: supervisor, sms, title });
  const village = (name: string) => createUnit(api.db, { name, level: 'village', parent: communeA });
  const get = (path: string, auth = authA) => api.http.get(`/api/v1${path}`).set('authorization', auth);
  const settled = (id: string, total: number) =>
    waitFor(
      () => deliveryCounts(api.db, id),
      (c) => Object.entries(c).filter(([s]) => s !== 'planned' && s !== 'sending').reduce((n, [, v]) => n + v, 0) === total,
      20_000,
      'every delivery settled',
    );
  const finish = () => worker.get(ReconcilerService).reconcile();

  it('lists broadcasts with title, unit, channels and next due time; filters, sorts, and shows nothing outside the subtree', async () => {
    const soon = new Date(Date.now() + 2 * 3_600_000);
    const first = await scheduleBroadcast(api, authA, once(await message('Lịch tiếp công dân'), communeA.id, soon));
    const daily = await scheduleBroadcast(api, authA, {
      messageId: await message('Nhắc nộp hồ sơ trực tuyến'),
      channels: ['sms'],
      targets: { unitIds: [communeA.id] },
      schedule: { kind: 'recurring', rrule: 'FREQ=DAILY', startsAt: `${localDay(2)}T08:00`, count: 3 },
    });
    const dailyFirst = new Date(`${localDay(2)}T08:00:00+07:00`);

    const page = await get('/broadcasts?sort=nextDueAt');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: expect.any(Array), total: 2, page: 1, pageSize: 20 });
    expect(page.body.items.map((b: { id: string }) => b.id)).toEqual([first, daily]);
    expect(page.body.items[0]).toEqual(
      expect.objectContaining({
        id: first,
        messageTitle: 'Lịch tiếp công dân',
        unitId: communeA.id,
        unitName: 'Xã An Bình',
        priority: 'normal',
        channels: ['sms'],
        status: 'scheduled',
        statusNote: null,
        nextDueAt: soon.toISOString(),
      }),
    );
    expect(page.body.items[1]).toEqual(expect.objectContaining({ messageTitle: 'Nhắc nộp hồ sơ trực tuyến', nextDueAt: dailyFirst.toISOString() }));
    expect((await get('/broadcasts?sort=-nextDueAt')).body.items.map((b: { id: string }) => b.id)).toEqual([daily, first]);
    expect((await get('/broadcasts?sort=-createdAt')).body.items.map((b: { id: string }) => b.id)).toEqual([daily, first]);

    // An occurrence due in the range: only the daily broadcast's second day.
    const from = encodeURIComponent(`${localDay(3)}T00:00:00+07:00`);
    const to = encodeURIComponent(`${localDay(4)}T00:00:00+07:00`);
    expect((await get(`/broadcasts?from=${from}&to=${to}`)).body.items.map((b: { id: string }) => b.id)).toEqual([daily]);
    expect((await get('/broadcasts?channel=board')).body.total).toBe(0);
    expect((await get(`/broadcasts?channel=sms&unitId=${communeA.id}`)).body.total).toBe(2);
    expect((await get(`/broadcasts?messageId=${page.body.items[1].messageId}`)).body.items.map((b: { id: string }) => b.id)).toEqual([daily]);
    const badSort = await get('/broadcasts?sort=title');
    expect(badSort.status).toBe(400);
    expect(badSort.body.details).toEqual([expect.objectContaining({ field: 'sort', rule: 'isIn' })]);

    // The supervisor of the province sees them; an officer of another commune sees none, and not by id.
    expect((await get(`/broadcasts?unitId=${communeA.id}`, supervisorAuth)).body.total).toBe(2);
    expect((await get('/broadcasts', authB)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await get(`/broadcasts/${first}`, authB)).status).toBe(404);
    expect((await get(`/broadcasts/${first}/deliveries`, authB)).status).toBe(404);
    const detail = await get(`/broadcasts/${daily}`);
    expect(detail.body).toEqual(expect.objectContaining({ id: daily, status: 'scheduled', messageTitle: 'Nhắc nộp hồ sơ trực tuyến', timeZone: 'Asia/Ho_Chi_Minh' }));
    for (const id of [first, daily]) await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', authA);
  });

  it('finishes as failed when every delivery failed, partially-failed when some did, completed when all went', async () => {
    const [allBad, someBad, allGood] = [await village('Thôn Hỏng'), await village('Thôn Nửa'), await village('Thôn Tốt')];
    const bad = await createSubscribers(api.db, { unit: allBad, count: 2, from: 100 });
    const half = await createSubscribers(api.db, { unit: someBad, count: 3, from: 200 });
    const fine = await createSubscribers(api.db, { unit: allGood, count: 2, from: 300 });
    for (const phone of [...bad, half[0]]) fake.respondTo(phone, behaviours.invalidNumber());
    const now = new Date();
    const failed = await scheduleBroadcast(api, authA, once(await message('Tin hỏng'), allBad.id, now));
    const partial = await scheduleBroadcast(api, authA, once(await message('Tin nửa'), someBad.id, now));
    const good = await scheduleBroadcast(api, authA, once(await message('Tin tốt'), allGood.id, now));
    await settled(failed, 2);
    await settled(partial, 3);
    await settled(good, 2);
    await finish();

    const status = async (id: string) => (await get(`/broadcasts/${id}`)).body;
    expect(await status(failed)).toEqual(
      expect.objectContaining({ status: 'failed', statusNote: 'Đã phát xong nhưng không tin nào đến được người nhận; xem lý do trong danh sách gửi.' }),
    );
    expect(await status(partial)).toEqual(expect.objectContaining({ status: 'partially-failed', statusNote: expect.stringContaining('một số tin') }));
    expect(await status(good)).toEqual(expect.objectContaining({ status: 'completed', statusNote: null }));
    expect((await get('/broadcasts?status=failed')).body.items.map((b: { id: string }) => b.id)).toEqual([failed]);
    const [{ stored }] = await api.db.query(`SELECT status AS stored FROM broadcast WHERE id = $1`, [partial]);
    expect(stored).toBe('partially-failed');

    // The reason of each failure in Vietnamese, with the provider's code kept; filters by channel, status and kind.
    const deliveries = await get(`/broadcasts/${partial}/deliveries?channel=sms&status=failed&failureKind=permanent`);
    expect(deliveries.body.total).toBe(1);
    expect(deliveries.body.items[0]).toEqual(
      expect.objectContaining({ endpoint: half[0], providerCode: '21211', failureText: 'Số điện thoại không hợp lệ (mã 21211).' }),
    );
    // Its reason is a typed value; the provider's own message is kept as it came, with no reason glued to it.
    expect(deliveries.body.items[0].failureReason).toBe('invalid-endpoint');
    expect(deliveries.body.items[0].lastError).toMatch(/^(?!invalid-endpoint).+/);
    const sent = await get(`/broadcasts/${partial}/deliveries?status=sent`);
    expect(sent.body.items.map((d: { failureText: string | null }) => d.failureText)).toEqual([null, null]);
    expect((await get(`/broadcasts/${partial}/deliveries?channel=loudspeaker`)).body.total).toBe(0);

    // A receipt arriving after completion changes the outcome: an undelivered SMS makes the good one partly failed.
    const goodMessage = fake.messages.find((m) => m.to === fine[0]) as (typeof fake.messages)[number];
    expect((await fake.sendStatusCallback(goodMessage.statusCallback as string, { sid: goodMessage.sid, status: 'undelivered', errorCode: '30003' })).status).toBe(204);
    await finish();
    expect(await status(good)).toEqual(expect.objectContaining({ status: 'partially-failed' }));
    const undelivered = await get(`/broadcasts/${good}/deliveries?status=undelivered`);
    expect(undelivered.body.items[0].failureText).toBe('Máy người nhận không liên lạc được (tắt máy hoặc ngoài vùng phủ sóng) (mã 30003).');
  });

  it('reads held while an occurrence waits for re-approval, and explains SMS deferred by the daily cap', async () => {
    const messageId = await message('Tin chờ duyệt lại');
    const dueAt = new Date(Date.now() + 3_600_000);
    const held = await scheduleBroadcast(api, authA, once(messageId, communeA.id, dueAt));
    await api.db.query(`UPDATE message SET status = 'submitted' WHERE id = $1`, [messageId]);
    const [occurrenceId] = await occurrenceIds(api.db, held);
    expect(await worker.get(OccurrencePlannerService).run(occurrenceId)).toEqual(expect.objectContaining({ kind: 'held' }));
    expect((await get(`/broadcasts/${held}`)).body).toEqual(
      expect.objectContaining({
        status: 'held',
        statusNote: `Lần phát lúc ${vn(dueAt)} đang tạm giữ: tin bài có phiên bản mới đang chờ duyệt. Lượt phát tiếp tục khi tin bài được duyệt lại.`,
      }),
    );
    expect((await get('/broadcasts?status=held')).body.items.map((b: { id: string }) => b.id)).toEqual([held]);
    expect((await get('/broadcasts?status=scheduled')).body.items.map((b: { id: string }) => b.id)).not.toContain(held);
    expect((await get(`/broadcasts/${held}/progress`)).body.status).toBe('held');

    await api.db.query(`UPDATE channel_policy SET daily_cap = 1 WHERE channel = 'sms'`);
    try {
      const capped = await village('Thôn Giới Hạn');
      const [reached, fresh] = await createSubscribers(api.db, { unit: capped, count: 2, from: 400 });
      await api.db.query(`INSERT INTO sms_daily_count (phone, day, count) VALUES ($1, $2::date, 1)`, [reached, localDay(0)]);
      const body = once(await message('Tin giới hạn'), capped.id, new Date());
      const preview = await api.http.post('/api/v1/broadcasts/preview').set('authorization', authA).send(body);
      expect(preview.body.warnings).toEqual([
        { code: 'daily-cap', channel: 'sms', message: `1 người nhận đã nhận đủ 1 tin SMS trong ngày: tin của họ sẽ gửi từ ${vn(new Date(`${localDay(1)}T00:00:00+07:00`))}.` },
      ]);
      const id = await scheduleBroadcast(api, authA, body);
      await waitFor(() => deliveryCounts(api.db, id), (c) => c.sent === 1 && c.planned === 1, 20_000, 'one sent, one deferred');
      expect(fake.messages.map((m) => m.to)).toEqual([fresh]);
      const detail = (await get(`/broadcasts/${id}`)).body;
      expect(detail.status).toBe('running');
      expect(detail.statusNote).toBe(
        `1 tin nhắn SMS chờ sang ngày hôm sau vì người nhận đã đủ số tin tối đa trong ngày. Tin sớm nhất sẽ gửi lúc ${vn(new Date(`${localDay(1)}T00:00:00+07:00`))}.`,
      );
      await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', authA);
    } finally {
      await api.db.query(`UPDATE channel_policy SET daily_cap = NULL WHERE channel = 'sms'`);
    }
  });
});
