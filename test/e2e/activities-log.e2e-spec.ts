import { startTestApi, type TestApi } from '#test/test-api.js';
import { activityPayload, province, vnDay } from './plans-test-kit.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('activities: recorded with evidence, listed, corrected and removed within the unit subtree, audited', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof province>>;
  let other: Awaited<ReturnType<typeof province>>;

  beforeAll(async () => {
    api = await startTestApi();
    area = await province(api, 'Hoạt động', 2);
    other = await province(api, 'Khác', 1);
  });
  afterAll(() => api.close());

  const post = (auth: string, overrides: Record<string, unknown> = {}) =>
    api.http.post('/api/v1/activities').set('authorization', auth).send(activityPayload(overrides));
  const list = (auth: string, query: Record<string, unknown> = {}) => api.http.get('/api/v1/activities').query(query).set('authorization', auth);

  it('records an activity of the officer’s commune with a photo of the minutes, and audits it', async () => {
    const officer = area.officers[0];
    const photo = await api.http.post('/api/v1/attachments').set('authorization', officer.auth).attach('file', PNG, 'bien-ban-hoi-nghi.png');
    expect(photo.status).toBe(201);
    const res = await post(officer.auth, { attachmentIds: [photo.body.id], occurredOn: vnDay(0) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      unitId: area.communes[0].id,
      unitName: area.communes[0].name,
      kind: 'conference',
      title: 'Hội nghị tuyên truyền cải cách thủ tục hành chính',
      occurredOn: vnDay(0),
      place: 'Hội trường UBND xã',
      participants: 120,
      contentGroups: ['one-stop-shop'],
      attachmentIds: [photo.body.id],
      createdBy: officer.user.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const audit = await api.db.query(`SELECT action, actor_id, unit_id FROM audit_event WHERE entity_type = 'activity' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual([{ action: 'create', actor_id: officer.user.id, unit_id: area.communes[0].id }]);
    expect((await api.http.get(`/api/v1/activities/${res.body.id}`).set('authorization', area.supervisor.auth)).body).toEqual(res.body);
    expect((await api.http.get(`/api/v1/activities/${res.body.id}`).set('authorization', area.officers[1].auth)).status).toBe(404);
  });

  it('lists the subtree’s activities filtered, searched without diacritics, sorted and paged on the server', async () => {
    const [first, second] = area.officers;
    await post(first.auth, { kind: 'training', title: 'Tập huấn dịch vụ công trực tuyến', occurredOn: vnDay(-10), participants: 30, contentGroups: ['modernisation'] });
    await post(second.auth, { kind: 'leaflet', title: 'Phát tờ rơi một cửa', place: 'Chợ xã', occurredOn: vnDay(-5), participants: 0 });
    await post(second.auth, { kind: 'mobile-propaganda', title: 'Xe tuyên truyền lưu động', occurredOn: vnDay(-1), participants: 500 });
    await post(other.officers[0].auth, { title: 'Hội nghị của tỉnh khác' });

    const all = await list(area.supervisor.auth);
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((a: { occurredOn: string }) => a.occurredOn)).toEqual([vnDay(0), vnDay(-1), vnDay(-5), vnDay(-10)]);

    const paged = await list(area.supervisor.auth, { sort: 'participants', pageSize: 2, page: 2 });
    expect(paged.body).toEqual(expect.objectContaining({ total: 4, page: 2, pageSize: 2 }));
    expect(paged.body.items.map((a: { participants: number }) => a.participants)).toEqual([120, 500]);

    const byUnit = await list(area.supervisor.auth, { unitId: area.communes[1].id });
    expect(byUnit.body.items.map((a: { kind: string }) => a.kind)).toEqual(['mobile-propaganda', 'leaflet']);
    expect((await list(area.supervisor.auth, { kind: 'training' })).body.total).toBe(1);
    expect((await list(area.supervisor.auth, { contentGroup: 'modernisation' })).body.total).toBe(1);
    expect((await list(area.supervisor.auth, { from: vnDay(-5), to: vnDay(-1) })).body.total).toBe(2);
    expect((await list(area.supervisor.auth, { q: 'to roi' })).body.items.map((a: { title: string }) => a.title)).toEqual(['Phát tờ rơi một cửa']);
    expect((await list(area.supervisor.auth, { q: 'cho xa' })).body.total).toBe(1);

    const commune = await list(second.auth);
    expect(commune.body.total).toBe(2);
    const foreign = await list(other.supervisor.auth);
    expect(foreign.body.items.map((a: { title: string }) => a.title)).toEqual(['Hội nghị của tỉnh khác']);
    expect((await list(area.supervisor.auth, { sort: 'place' })).status).toBe(400);
  });

  it('corrects an activity within the rules and removes one recorded by mistake, auditing both', async () => {
    const officer = area.officers[1];
    const created = await post(officer.auth, { kind: 'contest', title: 'Hội thi tìm hiểu CCHC' });
    const url = `/api/v1/activities/${created.body.id}`;
    const future = await api.http.put(url).set('authorization', officer.auth).send(activityPayload({ kind: 'contest', occurredOn: vnDay(3) }));
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'occurredOn', rule: 'notFuture' })]);
    const fixed = await api.http.put(url).set('authorization', officer.auth).send(activityPayload({ kind: 'contest', title: 'Hội thi tìm hiểu CCHC', participants: 75 }));
    expect(fixed.status).toBe(200);
    expect(fixed.body.participants).toBe(75);
    expect((await api.http.delete(url).set('authorization', other.supervisor.auth)).status).toBe(404);
    expect((await api.http.delete(url).set('authorization', officer.auth)).status).toBe(204);
    expect((await api.http.get(url).set('authorization', officer.auth)).status).toBe(404);
    const trail = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'activity' AND entity_id = $1 ORDER BY occurred_at, id`, [
      created.body.id,
    ]);
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'delete']);
  });
});
