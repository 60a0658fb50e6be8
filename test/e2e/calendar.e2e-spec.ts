import { createApprovedMessage, createSubscribers, waitFor } from '#test/engine-fixtures.js';
import type { TestUnit, TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { localDay, markAudioReady, once, scheduleBroadcast, startCommuneTestbed, TZ, type CommuneTestbed } from './broadcasts-test-kit.js';

const SCRIPT = 'Thông báo lịch trực ban phòng chống thiên tai.';

describe('calendar of occurrences and a station day programme', () => {
  let bed: CommuneTestbed;
  let api: TestApi;
  let supervisor: TestUser;
  let commune: TestUnit;
  let officer: TestUser;
  let auth: string;
  let outsiderAuth: string;

  beforeAll(async () => {
    bed = await startCommuneTestbed({ province: 'Tỉnh Lịch', commune: 'Xã Lịch Phát', outsider: 'Xã Bên Cạnh' });
    ({ api, supervisor, commune, communeOfficer: officer, communeAuth: auth, outsiderAuth } = bed);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
    await createSubscribers(api.db, { unit: commune, count: 2, from: 8100 });
  });
  afterAll(() => bed?.close());

  const message = (title: string, renditions: Record<string, string>) =>
    createApprovedMessage(api.db, { unit: commune, author: officer, approver: supervisor, renditions, title });
  const get = (path: string, as = auth) => api.http.get(`/api/v1${path}`).set('authorization', as);
  const range = (fromDay: number, toDay: number) =>
    `from=${encodeURIComponent(`${localDay(fromDay)}T00:00:00+07:00`)}&to=${encodeURIComponent(`${localDay(toDay)}T00:00:00+07:00`)}`;

  it("lists the occurrences of the caller's subtree in a range, filtered by channel and unit", async () => {
    const id = await scheduleBroadcast(api, auth, {
      messageId: await message('Lịch trực ban', { sms: 'Lich truc ban phong chong thien tai.' }),
      channels: ['sms'],
      targets: { unitIds: [commune.id] },
      schedule: { kind: 'recurring', rrule: 'FREQ=DAILY', startsAt: `${localDay(1)}T08:00`, count: 3 },
    });
    const res = await get(`/calendar/occurrences?${range(0, 10)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      [1, 2, 3].map((day) => ({
        occurrenceId: expect.any(String),
        broadcastId: id,
        dueAt: new Date(`${localDay(day)}T08:00:00+07:00`).toISOString(),
        status: 'pending',
        priority: 'normal',
        channels: ['sms'],
        messageTitle: 'Lịch trực ban',
        unitId: commune.id,
        unitName: 'Xã Lịch Phát',
      })),
    );
    expect((await get(`/calendar/occurrences?${range(2, 3)}`)).body.map((o: { dueAt: string }) => o.dueAt)).toEqual([
      new Date(`${localDay(2)}T08:00:00+07:00`).toISOString(),
    ]);
    expect(await get(`/calendar/occurrences?${range(0, 10)}&channel=loudspeaker`).then((r) => r.body)).toEqual([]);
    expect((await get(`/calendar/occurrences?${range(0, 10)}&unitId=${commune.id}`, bed.supervisorAuth)).body).toHaveLength(3);
    expect((await get(`/calendar/occurrences?${range(0, 10)}`, outsiderAuth)).body).toEqual([]);
    const tooLong = await get(`/calendar/occurrences?${range(0, 70)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([{ field: 'to', rule: 'range', message: 'Khoảng thời gian tối đa là 62 ngày' }]);
    expect((await get('/calendar/occurrences')).status).toBe(400);
  });

  it('shows the slots a station airs on a day with the items placed in each, only to its subtree', async () => {
    const station = await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ name: 'Cụm loa trung tâm', kind: 'ip-cluster' });
    const stationId = station.body.station.id;
    for (const [label, startTime, endTime] of [['Sáng', '06:00', '06:30'], ['Chiều', '17:00', '17:30']]) {
      const slot = await api.http
        .post('/api/v1/loudspeakers/slots')
        .set('authorization', auth)
        .send({ stationId, label, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime, endTime });
      expect(slot.status).toBe(201);
    }
    const messageId = await message('Trực ban thiên tai', { loudspeaker: SCRIPT });
    const body = once(messageId, commune.id, new Date(), ['loudspeaker']);
    await api.http.post('/api/v1/broadcasts/preview').set('authorization', auth).send(body);
    // The worker may render the speech itself before or after this: the item carries whichever duration won.
    await markAudioReady(api.db, 42_000);
    const broadcastId = await scheduleBroadcast(api, auth, body);
    const [placed] = await waitFor<{ airsAt: Date; durationMs: number }[]>(
      () =>
        api.db.query(
          `SELECT i.airs_at AS "airsAt", i.duration_ms AS "durationMs" FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`,
          [broadcastId],
        ),
      (rows) => rows.length === 1,
      20_000,
      'the item placed',
    );
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(placed.airsAt);
    const res = await get(`/loudspeakers/stations/${stationId}/programme?date=${day}`);
    expect(res.status).toBe(200);
    const slots = res.body.slots as { label: string; startsAt: string; endsAt: string; items: unknown[] }[];
    expect(res.body).toEqual(expect.objectContaining({ stationId, date: day, timeZone: TZ }));
    expect(slots.map((s) => [s.label, s.startsAt, s.endsAt])).toEqual([
      ['Sáng', new Date(`${day}T06:00:00+07:00`).toISOString(), new Date(`${day}T06:30:00+07:00`).toISOString()],
      ['Chiều', new Date(`${day}T17:00:00+07:00`).toISOString(), new Date(`${day}T17:30:00+07:00`).toISOString()],
    ]);
    const withItem = slots.find((s) => s.startsAt === new Date(placed.airsAt).toISOString());
    expect(withItem?.items).toEqual([{ broadcastId, messageTitle: 'Trực ban thiên tai', priority: 'normal', durationSeconds: Math.round(placed.durationMs / 1000), status: 'planned' }]);
    expect(placed.durationMs).toBeGreaterThan(0);
    expect(slots.filter((s) => s !== withItem).every((s) => s.items.length === 0)).toBe(true);

    expect((await get(`/loudspeakers/stations/${stationId}/programme?date=${day}`, outsiderAuth)).status).toBe(404);
    const badDate = await get(`/loudspeakers/stations/${stationId}/programme?date=04-12-2026`);
    expect(badDate.status).toBe(400);
    expect(badDate.body.details).toEqual([expect.objectContaining({ field: 'date' })]);
  });
});
