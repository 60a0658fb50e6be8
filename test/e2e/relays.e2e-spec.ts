import type { INestApplicationContext } from '@nestjs/common';
import { localDate } from '#domain/index.js';
import { RelayAutoPlacer } from '#loudspeaker/relays/relay-auto-placer.js';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { TZ } from './loudspeakers-test-kit.js';
import { approvedMessage, scheduleToLoudspeakers, soonSlotAvoiding1700 } from './relays-test-kit.js';

const NORMAL = 'Thông báo của tỉnh: từ ngày mười lăm, người dân nộp hồ sơ đất đai trực tuyến trên cổng dịch vụ công.';
const PRIORITY = 'Tin ưu tiên của tỉnh: lịch cắt điện sáng mai tại các xã ven sông.';

type Key = 'a' | 'b' | 'c';

describe('relays from the province (Thông tư 39): relay lists, placing, deadline, priority ahead, report', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let province: TestUnit;
  const communes = {} as Record<Key, TestUnit>;
  const officers = {} as Record<Key, { user: TestUser; auth: string }>;
  const stations = {} as Record<Key, { id: string; token: string }>;
  let provinceOfficer: TestUser;
  let provinceOfficerAuth: string;
  let supervisor: TestUser;
  let supervisorAuth: string;
  let normalId: string;
  const relayOf = {} as Record<Key, string>;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
    province = await createUnit(api.db, { name: 'Tỉnh Tiếp Sóng', level: 'province' });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    provinceOfficer = await createUser(api.db, { role: 'officer', unit: province });
    supervisorAuth = await bearer(api.http, supervisor);
    provinceOfficerAuth = await bearer(api.http, provinceOfficer);
    const [soonStart, soonEnd] = soonSlotAvoiding1700();
    for (const key of ['a', 'b', 'c'] as const) {
      communes[key] = await createUnit(api.db, { name: `Xã Tiếp Sóng ${key.toUpperCase()}`, level: 'commune', parent: province });
      const user = await createUser(api.db, { role: 'officer', unit: communes[key] });
      officers[key] = { user, auth: await bearer(api.http, user) };
      const station = await api.http
        .post('/api/v1/loudspeakers/stations')
        .set('authorization', officers[key].auth)
        .send({ unitId: communes[key].id, name: `Đài xã ${key.toUpperCase()}`, kind: 'commune-radio' });
      expect(station.status).toBe(201);
      stations[key] = { id: station.body.station.id, token: station.body.token };
      for (const [label, startTime, endTime] of [['Bản tin 17 giờ', '17:00', '17:10'], ['Bản tin sớm', soonStart, soonEnd]]) {
        const slot = await api.http
          .post('/api/v1/loudspeakers/slots')
          .set('authorization', officers[key].auth)
          .send({ stationId: stations[key].id, label, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime, endTime });
        expect(slot.status).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const pull = (key: Key, date: string) => api.http.get(`/api/v1/devices/stations/playlist?date=${date}`).set('authorization', `Bearer ${stations[key].token}`);
  const relaysOf = (key: Key) => api.http.get('/api/v1/relays').set('authorization', officers[key].auth);

  it('lets a supervisor set the province deadline; officers and communes cannot', async () => {
    const byOfficer = await api.http.put(`/api/v1/relays/settings/${province.id}`).set('authorization', provinceOfficerAuth).send({ deadlineHours: 2 });
    expect(byOfficer.status).toBe(403);
    const commune = await api.http.put(`/api/v1/relays/settings/${communes.a.id}`).set('authorization', supervisorAuth).send({ deadlineHours: 2 });
    expect(commune.status).toBe(400);
    expect(commune.body.details).toEqual([expect.objectContaining({ field: 'unitId', rule: 'upper-level' })]);
    const tooLong = await api.http.put(`/api/v1/relays/settings/${province.id}`).set('authorization', supervisorAuth).send({ deadlineHours: 500 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'deadlineHours' })]);
    const before = await api.http.get(`/api/v1/relays/settings/${province.id}`).set('authorization', supervisorAuth);
    expect(before.body).toEqual({ unitId: province.id, deadlineHours: 24, own: false });
    const set = await api.http.put(`/api/v1/relays/settings/${province.id}`).set('authorization', supervisorAuth).send({ deadlineHours: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ unitId: province.id, deadlineHours: 2, own: true });
  });

  it("puts a normal province bulletin in every commune's relay list instead of their playlists", async () => {
    normalId = await scheduleToLoudspeakers(api, provinceOfficerAuth, await approvedMessage(api, province, provinceOfficer, supervisor, NORMAL), province);
    const rows = await waitFor(
      () => api.db.query(`SELECT r.unit_id, r.status, extract(epoch FROM r.deadline_at - o.due_at)::int AS lead FROM station_relay r JOIN occurrence o ON o.id = r.occurrence_id WHERE r.broadcast_id = $1`, [normalId]),
      (r) => r.length === 3,
      20_000,
      'three relays',
    );
    expect(rows.every((r: { status: string; lead: number }) => r.status === 'waiting' && r.lead === 7200)).toBe(true);
    for (const key of ['a', 'b', 'c'] as const) {
      const list = await relaysOf(key);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ broadcastId: normalId, unitId: communes[key].id, sourceUnitId: province.id, status: 'waiting', stations: 1, slotId: null }),
      ]);
      relayOf[key] = list.body.items[0].id;
      const today = await pull(key, localDate(new Date(), TZ));
      expect(today.body.items).toEqual([]);
    }
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`, [normalId]);
    expect(n).toBe(0);
    const all = await api.http.get('/api/v1/relays').set('authorization', provinceOfficerAuth);
    expect(all.body.total).toBe(3);
    expect((await api.http.get(`/api/v1/relays/${relayOf.b}`).set('authorization', officers.a.auth)).status).toBe(404);
  });

  it('is placed by commune A in its 17:00 slot, refusing another commune\'s slot, a past airing and a second placing', async () => {
    const airings = await api.http.get(`/api/v1/relays/${relayOf.a}/airings`).set('authorization', officers.a.auth);
    expect(airings.status).toBe(200);
    const at17 = airings.body.find((a: { slotLabel: string }) => a.slotLabel === 'Bản tin 17 giờ');
    expect(at17).toEqual(expect.objectContaining({ stations: 1, withRoom: 1 }));
    const airsAt = new Date(at17.airsAt);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(airsAt)).toBe('17:00');

    const [{ id: foreignSlot }] = await api.db.query(`SELECT id FROM station_slot WHERE station_id = $1 LIMIT 1`, [stations.b.id]);
    const foreign = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.a.auth).send({ slotId: foreignSlot, airsAt: at17.airsAt });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details).toEqual([expect.objectContaining({ field: 'slotId', rule: 'slot' })]);
    const past = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.a.auth).send({ slotId: at17.slotId, airsAt: '2020-01-01T10:00:00.000Z' });
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'airsAt', rule: 'future' })]);
    const offAiring = await api.http
      .post(`/api/v1/relays/${relayOf.a}/place`)
      .set('authorization', officers.a.auth)
      .send({ slotId: at17.slotId, airsAt: new Date(airsAt.getTime() + 60_000).toISOString() });
    expect(offAiring.status).toBe(400);
    expect(offAiring.body.details).toEqual([expect.objectContaining({ field: 'airsAt', rule: 'airing' })]);
    const byOther = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.b.auth).send({ slotId: at17.slotId, airsAt: at17.airsAt });
    expect(byOther.status).toBe(404);
    expect((await api.http.post('/api/v1/relays/khong-co/place').set('authorization', officers.a.auth).send({ slotId: at17.slotId, airsAt: at17.airsAt })).status).toBe(404);
    const empty = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.a.auth).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['airsAt', 'slotId']);

    const placed = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.a.auth).send({ slotId: at17.slotId, airsAt: at17.airsAt });
    expect(placed.status).toBe(200);
    expect(placed.body).toEqual(expect.objectContaining({ status: 'placed', slotId: at17.slotId, slotLabel: 'Bản tin 17 giờ', airsAt: airsAt.toISOString(), placedBy: officers.a.user.id }));
    const playlist = await pull('a', localDate(airsAt, TZ));
    expect(playlist.body.items).toEqual([expect.objectContaining({ slotLabel: 'Bản tin 17 giờ', startsAt: airsAt.toISOString(), priority: 'normal' })]);
    const again = await api.http.post(`/api/v1/relays/${relayOf.a}/place`).set('authorization', officers.a.auth).send({ slotId: at17.slotId, airsAt: at17.airsAt });
    expect(again.status).toBe(409);
    // The console tells the two refusals apart by the code (docs/console.md, relays).
    expect(again.body).toEqual(expect.objectContaining({ code: 'relay.placed', message: expect.stringContaining('đã được xếp') }));
    const audit = await api.db.query(`SELECT actor_id, action, data->>'relayId' AS relay FROM audit_event WHERE entity_id = $1 AND action LIKE 'relay%'`, [normalId]);
    expect(audit).toEqual([{ actor_id: officers.a.user.id, action: 'relay-place', relay: relayOf.a }]);
  });

  it('places commune B automatically in its first free airing once the deadline passed; a rerun places nothing', async () => {
    const airings = await api.http.get(`/api/v1/relays/${relayOf.b}/airings`).set('authorization', officers.b.auth);
    const first = airings.body[0];
    const placer = worker.get(RelayAutoPlacer);
    expect(await placer.placeDue()).toBe(0);
    await api.db.query(`UPDATE station_relay SET deadline_at = now() - interval '1 minute' WHERE id = $1`, [relayOf.b]);
    expect(await placer.placeDue()).toBe(1);
    expect(await placer.placeDue()).toBe(0);
    const relay = await api.http.get(`/api/v1/relays/${relayOf.b}`).set('authorization', officers.b.auth);
    expect(relay.body).toEqual(expect.objectContaining({ status: 'auto-placed', slotId: first.slotId, airsAt: first.airsAt, placedBy: null }));
    const playlist = await pull('b', localDate(new Date(first.airsAt), TZ));
    expect(playlist.body.items).toEqual([expect.objectContaining({ startsAt: first.airsAt, priority: 'normal' })]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`, [normalId]);
    expect(n).toBe(2);
    expect((await relaysOf('c')).body.items[0].status).toBe('waiting');
  });

  it('plays a priority province bulletin ahead within the next programme, with no relay', async () => {
    const bId = (await api.http.get(`/api/v1/relays/${relayOf.b}`).set('authorization', officers.b.auth)).body;
    const priorityId = await scheduleToLoudspeakers(api, provinceOfficerAuth, await approvedMessage(api, province, provinceOfficer, supervisor, PRIORITY, 'priority'), province);
    await waitFor(() => api.db.query(`SELECT id FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`, [priorityId]), (r) => r.length === 3, 20_000, 'priority items');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM station_relay WHERE broadcast_id = $1`, [priorityId]);
    expect(n).toBe(0);
    const playlist = await pull('b', localDate(new Date(bId.airsAt), TZ));
    const inAiring = playlist.body.items.filter((i: { slotId: string }) => i.slotId === bId.slotId);
    expect(inAiring.map((i: { priority: string; position: number }) => i.priority)).toEqual(['priority', 'normal']);
    expect(inAiring[0].startsAt).toBe(bId.airsAt);
  });

  it('reports per commune: placed by the officer or automatically, played, missed, waiting', async () => {
    const itemOf = async (key: Key) => {
      const [{ id }] = await api.db.query(
        `SELECT i.delivery_id::text AS id FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1 AND i.station_id = $2`,
        [normalId, stations[key].id],
      );
      return id;
    };
    const now = Date.now();
    const playedB = await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${stations.b.token}`)
      .send([
        { itemId: await itemOf('b'), event: 'start', at: new Date(now - 9000).toISOString() },
        { itemId: await itemOf('b'), event: 'end', at: new Date(now - 1000).toISOString() },
      ]);
    expect(playedB.body).toEqual({ applied: 2, unknownItems: [] });
    const failedA = await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${stations.a.token}`)
      .send([{ itemId: await itemOf('a'), event: 'failure', at: new Date(now).toISOString(), error: 'mất điện' }]);
    expect(failedA.body.applied).toBe(1);

    const byCommune = await api.http.get(`/api/v1/relays/broadcasts/${normalId}/report`).set('authorization', officers.a.auth);
    expect(byCommune.status).toBe(404);
    const report = await api.http.get(`/api/v1/relays/broadcasts/${normalId}/report`).set('authorization', supervisorAuth);
    expect(report.status).toBe(200);
    const line = (key: Key) => report.body.find((l: { unitId: string }) => l.unitId === communes[key].id);
    expect(line('a')).toEqual(expect.objectContaining({ status: 'placed', placedBy: officers.a.user.id, stations: 1, played: 0, failed: 1, outcome: 'missed' }));
    expect(line('b')).toEqual(expect.objectContaining({ status: 'auto-placed', placedBy: null, stations: 1, played: 1, outcome: 'played' }));
    expect(line('c')).toEqual(expect.objectContaining({ status: 'waiting', airsAt: null, played: 0, outcome: 'waiting' }));
  });

  it('takes a cancelled bulletin off the relay lists and never places it', async () => {
    const id = await scheduleToLoudspeakers(api, provinceOfficerAuth, await approvedMessage(api, province, provinceOfficer, supervisor, `${NORMAL} Bản tin bổ sung.`), province);
    await waitFor(() => api.db.query(`SELECT id FROM station_relay WHERE broadcast_id = $1`, [id]), (r) => r.length === 3, 20_000, 'relays');
    expect((await relaysOf('c')).body.items.map((r: { broadcastId: string }) => r.broadcastId)).toContain(id);
    const cancel = await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', provinceOfficerAuth);
    expect(cancel.status).toBe(200);
    expect((await relaysOf('c')).body.items.map((r: { broadcastId: string }) => r.broadcastId)).not.toContain(id);
    await api.db.query(`UPDATE station_relay SET deadline_at = now() - interval '1 minute' WHERE broadcast_id = $1`, [id]);
    expect(await worker.get(RelayAutoPlacer).placeDue()).toBe(0);
    const deliveries = await api.db.query(`SELECT DISTINCT status FROM delivery WHERE broadcast_id = $1`, [id]);
    expect(deliveries).toEqual([{ status: 'cancelled' }]);
  });
});
