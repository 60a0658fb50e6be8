import { createApprovedMessage, createSubscribers } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { localDay, markAudioReady, once, startCommuneTestbed, vn, type CommuneTestbed, type ScheduleBody } from './broadcasts-test-kit.js';

const SMS = 'Xa thong bao lich tiem chung mo rong thang 12.';
const SCRIPT = 'Thông báo lịch tiêm chủng mở rộng tháng mười hai.';

describe('broadcast preview (counts, total cost, warnings) and channel readiness', () => {
  let bed: CommuneTestbed;
  let api: TestApi;
  let province: TestUnit;
  let supervisor: TestUser;
  let commune: TestUnit;
  let officer: TestUser;
  let auth: string;
  let outsiderAuth: string;

  beforeAll(async () => {
    bed = await startCommuneTestbed({ province: 'Tỉnh Xem Trước', commune: 'Xã Tiêm Chủng', outsider: 'Xã Khác' });
    ({ api, province, supervisor, commune, communeOfficer: officer, communeAuth: auth, outsiderAuth } = bed);
    await createSubscribers(api.db, { unit: commune, count: 4, from: 7000 });
  });
  afterAll(() => bed?.close());

  const message = (renditions: Record<string, string> = { sms: SMS }) =>
    createApprovedMessage(api.db, { unit: commune, author: officer, approver: supervisor, renditions, title: 'Tiêm chủng mở rộng' });
  const preview = (body: ScheduleBody, as = auth) => api.http.post('/api/v1/broadcasts/preview').set('authorization', as).send(body);
  const recurring = (messageId: string, rule: Partial<{ rrule: string; count: number; until: string }>): ScheduleBody => ({
    messageId,
    channels: ['sms'],
    targets: { unitIds: [commune.id] },
    schedule: { kind: 'recurring', rrule: rule.rrule ?? 'FREQ=DAILY', startsAt: `${localDay(1)}T08:00`, ...(rule.count ? { count: rule.count } : { until: rule.until }) },
  });

  it('counts the occurrences until the end and totals the cost; caps a long schedule at one year', async () => {
    const messageId = await message();
    const five = await preview(recurring(messageId, { count: 5 }));
    expect(five.status).toBe(200);
    expect(five.body).toEqual(
      expect.objectContaining({
        recipients: { sms: 4 },
        occurrenceCount: 5,
        occurrenceCountCapped: false,
        estimatedCost: { currency: 'VND', perPart: 800, perOccurrence: 4 * 800, total: 5 * 4 * 800 },
        warnings: [],
      }),
    );
    expect(five.body.occurrences).toHaveLength(5);

    const weekly = await preview(recurring(messageId, { rrule: 'FREQ=WEEKLY;BYDAY=MO', until: `${Number(localDay(0).slice(0, 4)) + 3}-01-01T00:00:00+07:00` }));
    expect(weekly.body.occurrenceCountCapped).toBe(true);
    expect([52, 53]).toContain(weekly.body.occurrenceCount);
    expect(weekly.body.estimatedCost.total).toBe(weekly.body.occurrenceCount * 4 * 800);
    expect(weekly.body.occurrences).toHaveLength(10);
    const farAhead = await preview(once(messageId, commune.id, new Date(Date.now() + 400 * 86_400_000)));
    expect(farAhead.body).toEqual(expect.objectContaining({ occurrenceCount: 1, occurrenceCountCapped: false }));
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM broadcast`);
    expect(n).toBe(0);
  });

  it('warns of quiet hours with the time the SMS will wait for, and of a channel nobody receives', async () => {
    await api.db.query(`UPDATE channel_policy SET quiet_start = '21:00', quiet_end = '07:00' WHERE channel = 'sms'`);
    try {
      const at = new Date(`${localDay(1)}T22:30:00+07:00`);
      const quiet = await preview(once(await message(), commune.id, at));
      expect(quiet.body.warnings).toEqual([
        {
          code: 'quiet-hours',
          channel: 'sms',
          message: `Lần phát lúc ${vn(at)} rơi vào giờ yên lặng 21:00–07:00: tin nhắn SMS sẽ chờ đến ${vn(new Date(`${localDay(2)}T07:00:00+07:00`))}.`,
        },
      ]);
      const empty = await createUnit(api.db, { name: 'Thôn Vắng', level: 'village', parent: commune });
      const nobody = await preview(once(await message(), empty.id, new Date(`${localDay(1)}T09:00:00+07:00`)));
      expect(nobody.body.recipients).toEqual({ sms: 0 });
      expect(nobody.body.warnings).toEqual([
        { code: 'no-recipients', channel: 'sms', message: 'Không có người nhận tin SMS nào (đang nhận tin) trong các đơn vị, thôn và nhóm đã chọn.' },
      ]);
    } finally {
      await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'sms'`);
    }
  });

  it('warns of loudspeaker stations without a programme slot', async () => {
    const messageId = await message({ sms: SMS, loudspeaker: SCRIPT });
    const station = await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ name: 'Cụm loa thôn 1', kind: 'ip-cluster' });
    expect(station.status).toBe(201);
    const body = once(messageId, commune.id, new Date(`${localDay(1)}T09:00:00+07:00`), ['sms', 'loudspeaker']);
    expect((await preview(body)).body.details).toEqual([expect.objectContaining({ field: 'channels[1]', rule: 'audio-ready' })]);
    await markAudioReady(api.db);
    const res = await preview(body);
    expect(res.body.recipients).toEqual({ sms: 4, loudspeaker: 1 });
    expect(res.body.warnings).toEqual([
      { code: 'no-programme-slot', channel: 'loudspeaker', message: '1 cụm loa chưa có khung giờ phát: bản tin sẽ không phát ở đó cho đến khi có khung giờ.' },
    ]);
    const slot = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', auth)
      .send({ stationId: station.body.station.id, label: 'Sáng', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: '06:00', endTime: '06:30' });
    expect(slot.status).toBe(201);
    expect((await preview(body)).body.warnings).toEqual([]);
  });

  it('tells for every channel whether it is ready, and why not', async () => {
    const messageId = await message();
    const res = await api.http.post('/api/v1/broadcasts/readiness').set('authorization', auth).send({ messageId, targets: { unitIds: [commune.id] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { channel: 'sms', ready: true, reasons: [] },
      { channel: 'board', ready: false, reasons: ['Tin bài chưa có trang trình chiếu cho bảng tin', 'Không có bảng tin điện tử nào trong các đơn vị, thôn đã chọn'] },
      {
        channel: 'loudspeaker',
        ready: false,
        reasons: ['Tin bài chưa có kịch bản đọc cho loa (renditions.loudspeaker) hoặc tệp âm thanh đính kèm'],
      },
      { channel: 'zalo', ready: false, reasons: ['Đơn vị của tin bài chưa có tài khoản Zalo OA đang hoạt động'] },
      { channel: 'facebook', ready: false, reasons: ['Đơn vị của tin bài chưa có tài khoản Facebook đang hoạt động'] },
    ]);
    const empty = await createUnit(api.db, { name: 'Thôn Không Ai', level: 'village', parent: commune });
    const none = await api.http.post('/api/v1/broadcasts/readiness').set('authorization', auth).send({ messageId, targets: { unitIds: [empty.id] } });
    expect(none.body[0]).toEqual({ channel: 'sms', ready: false, reasons: ['Không có người nhận tin SMS nào trong các đơn vị, thôn và nhóm đã chọn'] });
    const outside = await api.http.post('/api/v1/broadcasts/readiness').set('authorization', outsiderAuth).send({ messageId, targets: { unitIds: [commune.id] } });
    expect(outside.status).toBe(404);
    const foreignTarget = await api.http.post('/api/v1/broadcasts/readiness').set('authorization', auth).send({ messageId, targets: { unitIds: [province.id] } });
    expect(foreignTarget.status).toBe(400);
    expect(foreignTarget.body.details).toEqual([expect.objectContaining({ field: 'targets.unitIds[0]', rule: 'in-scope' })]);
  });
});
