import type { INestApplicationContext } from '@nestjs/common';
import { SystemPushesService } from '#services/upper-systems/system-pushes.service.js';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { soonSlotAvoiding1700 } from './relays-test-kit.js';
import { signed, type SigningSystem } from './upper-systems-test-kit.js';

const PATH = '/api/v1/systems/relays';
const BULLETIN = { title: 'Lịch tiêm chủng tháng mười hai', text: 'Trạm y tế các xã tổ chức tiêm chủng mở rộng vào sáng thứ Năm tuần này.', priority: 'normal' };

describe('bulletins pushed by an upper-level system through the signed API', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let province: TestUnit;
  let other: TestUnit;
  const communes: TestUnit[] = [];
  const officerAuth: string[] = [];
  let supervisorAuth: string;
  let system: SigningSystem & { id: string };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
    province = await createUnit(api.db, { name: 'Tỉnh Nguồn', level: 'province' });
    other = await createUnit(api.db, { name: 'Xã Tỉnh Khác', level: 'commune', parent: await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' }) });
    supervisorAuth = await bearer(api.http, await createUser(api.db, { role: 'supervisor', unit: province }));
    const [start, end] = soonSlotAvoiding1700();
    for (const name of ['Xã Nguồn Một', 'Xã Nguồn Hai']) {
      const commune = await createUnit(api.db, { name, level: 'commune', parent: province });
      communes.push(commune);
      const auth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: commune }));
      officerAuth.push(auth);
      const station = await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ unitId: commune.id, name: `Đài ${name}`, kind: 'commune-radio' });
      const slot = await api.http
        .post('/api/v1/loudspeakers/slots')
        .set('authorization', auth)
        .send({ stationId: station.body.station.id, label: 'Bản tin', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: start, endTime: end });
      expect(slot.status).toBe(201);
    }
    const registered = await api.http.post('/api/v1/upper-systems').set('authorization', supervisorAuth).send({ unitId: province.id, name: 'Hệ thống nguồn tỉnh' });
    expect(registered.status).toBe(201);
    system = { id: registered.body.id, keyId: registered.body.keyId, secret: registered.body.secret };
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const counts = async () =>
    (
      await api.db.query(
        `SELECT (SELECT count(*) FROM message)::int AS messages, (SELECT count(*) FROM system_push)::int AS pushes,
                (SELECT count(*) FROM broadcast)::int AS broadcasts, (SELECT count(*) FROM audit_event WHERE entity_type = 'message')::int AS audits`,
      )
    )[0];

  it('refuses a wrong signature, a stale timestamp and a body changed after signing with 401, writing nothing', async () => {
    const before = await counts();
    const wrong = await signed(api.http, system, 'post', PATH, BULLETIN, { secret: 'khong-phai-khoa' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.details).toEqual([expect.objectContaining({ rule: 'signature' })]);
    const stale = await signed(api.http, system, 'post', PATH, BULLETIN, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(stale.body.details).toEqual([expect.objectContaining({ rule: 'stale' })]);
    const tampered = await signed(api.http, system, 'post', PATH, BULLETIN, { sentBody: JSON.stringify({ ...BULLETIN, priority: 'emergency' }) });
    expect(tampered.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad bulletin with 400 naming the fields, writing nothing', async () => {
    const before = await counts();
    const bad = await signed(api.http, system, 'post', PATH, { title: '', text: 'x', priority: 'urgent', extra: true });
    expect(bad.status).toBe(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'priority']));
    const outside = await signed(api.http, system, 'post', PATH, { ...BULLETIN, communeIds: [communes[0].id, other.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toEqual([expect.objectContaining({ field: 'communeIds[1]', rule: 'in-scope' })]);
    expect(await counts()).toEqual(before);
  });

  it("lands a correct normal push in every commune's relay list, as a broadcast of the province; a replayed nonce is refused", async () => {
    const nonce = 'push-nonce-0123456789';
    const res = await signed(api.http, system, 'post', PATH, { ...BULLETIN, placeWithinHours: 3, reference: 'ubnd-tinh/2026/123' }, { nonce });
    expect(res.status).toBe(202);
    expect(res.body).toEqual(expect.objectContaining({ systemId: system.id, reference: 'ubnd-tinh/2026/123', status: expect.stringMatching(/^(preparing|scheduled)$/) }));
    const after = await counts();
    const replay = await signed(api.http, system, 'post', PATH, { ...BULLETIN, placeWithinHours: 3, reference: 'ubnd-tinh/2026/123' }, { nonce });
    expect(replay.status).toBe(401);
    expect(replay.body.details).toEqual([expect.objectContaining({ field: 'X-Tincoso-Nonce', rule: 'replay' })]);
    expect(await counts()).toEqual(after);

    const pushes = worker.get(SystemPushesService);
    const done = await waitFor(
      async () => {
        await pushes.promotePreparing();
        return signed(api.http, system, 'get', `${PATH}/${res.body.id}`);
      },
      (r) => r.body.status === 'scheduled',
      30_000,
      'push scheduled',
    );
    const broadcastId = done.body.broadcastId;
    const [broadcast] = await api.db.query(`SELECT b.unit_id, b.priority, b.created_by, u.display_name FROM broadcast b JOIN app_user u ON u.id = b.created_by WHERE b.id = $1`, [broadcastId]);
    expect(broadcast).toEqual(expect.objectContaining({ unit_id: province.id, priority: 'normal', display_name: 'Hệ thống: Hệ thống nguồn tỉnh' }));
    const relays = await waitFor(
      () => api.db.query(`SELECT r.unit_id, r.status, extract(epoch FROM r.deadline_at - o.due_at)::int AS lead FROM station_relay r JOIN occurrence o ON o.id = r.occurrence_id WHERE r.broadcast_id = $1`, [broadcastId]),
      (rows) => rows.length === 2,
      20_000,
      'relays of the push',
    );
    expect(relays.every((r: { lead: number; status: string }) => r.lead === 3 * 3600 && r.status === 'waiting')).toBe(true);
    for (const [i, auth] of officerAuth.entries()) {
      const list = await api.http.get('/api/v1/relays?status=waiting').set('authorization', auth);
      expect(list.body.items).toEqual([expect.objectContaining({ broadcastId, unitId: communes[i].id, sourceUnitId: province.id, title: BULLETIN.title })]);
    }
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'message' AND entity_id = $1 ORDER BY id`, [done.body.messageId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'submit', 'approve']);

    const again = await signed(api.http, system, 'post', PATH, { ...BULLETIN, reference: 'ubnd-tinh/2026/123' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    expect((await counts()).pushes).toBe(after.pushes);
  });

  it('holds an emergency from an untrusted system for a supervisor, sends one from a trusted system at once, refuses a deactivated system', async () => {
    const res = await signed(api.http, system, 'post', PATH, { title: 'Lũ quét', text: 'Người dân ven suối sơ tán ngay.', priority: 'emergency' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual(expect.objectContaining({ status: 'awaiting-approval', broadcastId: null }));
    const [message] = await api.db.query(`SELECT status FROM message WHERE id = $1`, [res.body.messageId]);
    expect(message.status).toBe('submitted');

    const trusted = await api.http.patch(`/api/v1/upper-systems/${system.id}`).set('authorization', supervisorAuth).send({ trusted: true });
    expect(trusted.body.trusted).toBe(true);
    const now = await signed(api.http, system, 'post', PATH, { title: 'Lũ quét', text: 'Người dân ven suối sơ tán ngay lập tức.', priority: 'emergency', communeIds: [communes[1].id] });
    expect(now.status).toBe(202);
    expect(now.body).toEqual(expect.objectContaining({ status: 'scheduled', broadcastId: expect.any(String) }));
    const [sent] = await api.db.query(`SELECT b.priority, m.status FROM broadcast b JOIN message m ON m.id = b.message_id WHERE b.id = $1`, [now.body.broadcastId]);
    expect(sent).toEqual({ priority: 'emergency', status: 'approved' });
    await waitFor(
      () => api.db.query(`SELECT i.priority FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`, [now.body.broadcastId]),
      (rows) => rows.length === 1 && rows[0].priority === 'emergency',
      30_000,
      'the emergency item at once',
    );

    await api.http.patch(`/api/v1/upper-systems/${system.id}`).set('authorization', supervisorAuth).send({ active: false });
    const before = await counts();
    const off = await signed(api.http, system, 'post', PATH, BULLETIN);
    expect(off.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});
