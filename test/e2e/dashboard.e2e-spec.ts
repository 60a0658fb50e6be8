import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import type { TestUnit, TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { behaviours } from '../fakes/fake-twilio.server.js';
import { localDay, occurrenceIds, once, scheduleBroadcast, startCommuneTestbed, type CommuneTestbed } from './broadcasts-test-kit.js';

const SMS = 'Xa thong bao: nop thue dat truoc ngay 31/12.';

describe('the dashboard: what waits, what goes out, alerts and the month, per subtree', () => {
  let bed: CommuneTestbed;
  let api: TestApi;
  let province: TestUnit;
  let supervisor: TestUser;
  let commune: TestUnit;
  let officer: TestUser;
  let auth: string;
  let outsiderAuth: string;

  beforeAll(async () => {
    bed = await startCommuneTestbed({ province: 'Tỉnh Tổng Quan', commune: 'Xã Tổng Quan', outsider: 'Xã Ngoài' });
    ({ api, province, supervisor, commune, communeOfficer: officer, communeAuth: auth, outsiderAuth } = bed);
  });
  afterAll(() => bed?.close());

  const message = (title: string) => createApprovedMessage(api.db, { unit: commune, author: officer, approver: supervisor, sms: SMS, title });

  it("gathers the caller's work and figures, and nothing of another commune", async () => {
    const returned = await message('Bản tin bị trả lại');
    await api.db.query(`UPDATE message SET status = 'returned', approved_version = NULL, approved_at = NULL WHERE id = $1`, [returned]);
    const submitted = await message('Bản tin chờ duyệt');
    await api.db.query(`UPDATE message SET status = 'submitted', approval_unit_id = $2, submitted_at = now(), approved_at = NULL WHERE id = $1`, [submitted, province.id]);

    // Sent now: three subscribers, one refused for good; not yet reconciled, so still running.
    const phones = await createSubscribers(api.db, { unit: commune, count: 3, from: 9100 });
    bed.fake.respondTo(phones[0], behaviours.invalidNumber());
    const running = await scheduleBroadcast(api, auth, once(await message('Nộp thuế đất'), commune.id, new Date()));
    await waitFor(() => deliveryCounts(api.db, running), (c) => c.sent === 2 && c.failed === 1, 20_000, 'sent');

    const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
    const soon = await scheduleBroadcast(api, auth, once(await message('Họp dân'), commune.id, inTwoHours));
    const laterAt = new Date(`${localDay(3)}T09:00:00+07:00`);
    const later = await scheduleBroadcast(api, auth, once(await message('Ngày hội đại đoàn kết'), commune.id, laterAt));
    const heldMessage = await message('Tin tạm giữ');
    const heldAt = new Date(Date.now() + 3 * 3_600_000);
    const held = await scheduleBroadcast(api, auth, once(heldMessage, commune.id, heldAt));
    await api.db.query(`UPDATE message SET status = 'draft', current_version = 2 WHERE id = $1`, [heldMessage]);
    await bed.worker.get(OccurrencePlannerService).run((await occurrenceIds(api.db, held))[0]);
    expect((await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ name: 'Cụm loa im lặng', kind: 'ip-cluster' })).status).toBe(201);

    const res = await api.http.get('/api/v1/dashboard').set('authorization', auth);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.waiting).toEqual({ returned: [{ id: returned, title: 'Bản tin bị trả lại', updatedAt: expect.any(String) }], inbox: [], inboxTotal: 0 });
    // Due later today or in the next seven local days, held ones included (they say so).
    const localDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(at);
    const item = (broadcastId: string, dueAt: Date, messageTitle: string, status = 'pending') =>
      ({ occurrenceId: expect.any(String), broadcastId, dueAt: dueAt.toISOString(), status, messageTitle, channels: ['sms'], priority: 'normal' });
    const expected = [
      { at: inTwoHours, item: item(soon, inTwoHours, 'Họp dân') },
      { at: heldAt, item: item(held, heldAt, 'Tin tạm giữ', 'held') },
      { at: laterAt, item: item(later, laterAt, 'Ngày hội đại đoàn kết') },
    ];
    expect(d.upcoming).toEqual({
      today: expected.filter((e) => localDate(e.at) === localDay(0)).map((e) => e.item),
      next7Days: expected.filter((e) => localDate(e.at) !== localDay(0)).map((e) => e.item),
    });
    expect(d.running).toEqual([{ broadcastId: running, messageTitle: 'Nộp thuế đất', total: 3, done: 3, failed: 1 }]);
    expect(d.alerts).toEqual({
      heldOccurrences: { count: 1, href: '/broadcasts?status=held' },
      deferredDeliveries: { count: 0, href: '/broadcasts?status=running' },
      exhaustedDeliveries: { count: 0, href: '/broadcasts?status=partially-failed' },
      stationsOffline: { count: 1, href: '/stations' },
      boardsOffline: { count: 0, href: '/boards' },
      accountsNeedingReconnect: { count: 0, href: '/admin/channel-accounts' },
    });
    expect(d.month).toEqual({
      messagesApproved: 4,
      broadcasts: 4,
      occurrencesRun: 1,
      smsSent: 2,
      smsDelivered: 0,
      smsParts: 2,
      smsCostVnd: 2 * 800,
      loudspeakerPlays: 0,
      airtimeSeconds: 0,
      boardSlides: 0,
      socialPosts: 0,
    });

    const boss = (await api.http.get('/api/v1/dashboard').set('authorization', bed.supervisorAuth)).body;
    expect(boss.waiting).toEqual({ returned: [], inbox: [{ id: submitted, title: 'Bản tin chờ duyệt', unitName: 'Xã Tổng Quan', submittedAt: expect.any(String) }], inboxTotal: 1 });

    const outsider = (await api.http.get('/api/v1/dashboard').set('authorization', outsiderAuth)).body;
    expect(outsider.waiting).toEqual({ returned: [], inbox: [], inboxTotal: 0 });
    expect(outsider.upcoming).toEqual({ today: [], next7Days: [] });
    expect(outsider.running).toEqual([]);
    expect(Object.values(outsider.alerts).map((a) => (a as { count: number }).count)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Object.values(outsider.month).every((n) => n === 0)).toBe(true);
  });
});
