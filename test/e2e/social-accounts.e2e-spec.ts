import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeGraphServer } from '../fakes/fake-graph.server.js';
import { FakeZaloServer } from '../fakes/fake-zalo.server.js';
import { withFakeSocial } from './social-test-kit.js';

/** The channel-accounts API: who may do what, validation in Vietnamese, tenancy, and "check connection". */
describe('channel accounts API', () => {
  let api: TestApi;
  let zalo: FakeZaloServer;
  let graph: FakeGraphServer;
  let province: TestUnit;
  let commune: TestUnit;
  let otherProvince: TestUnit;
  let adminAuth: string;
  let officerAuth: string;
  let otherAdminAuth: string;

  beforeAll(async () => {
    zalo = await FakeZaloServer.start();
    graph = await FakeGraphServer.start('v25.0');
    api = await startTestApi({}, { customize: withFakeSocial(zalo, graph) });
    province = await createUnit(api.db, { name: 'Tỉnh Tài Khoản', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Tài Khoản', level: 'commune', parent: province });
    otherProvince = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    adminAuth = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: province }));
    officerAuth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: commune }));
    otherAdminAuth = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: otherProvince }));
  });
  afterAll(async () => {
    await api?.close();
    await zalo?.close();
    await graph?.close();
  });

  const zaloBody = (tokens: { accessToken: string; refreshToken: string }, externalId = '880001') => ({
    unitId: commune.id,
    platform: 'zalo',
    name: 'Zalo UBND xã',
    externalId,
    appId: '55501',
    appSecret: 'app-secret-zalo',
    ...tokens,
  });

  it('an admin adds a Zalo OA; the answer shows its state, never its tokens; the check reaches Zalo', async () => {
    const tokens = zalo.addOa({ oaId: '880001', name: 'OA UBND xã', appId: '55501', appSecret: 'app-secret-zalo' });
    const res = await api.http.post('/api/v1/channel-accounts').set('authorization', adminAuth).send(zaloBody(tokens));
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({ platform: 'zalo', unitId: commune.id, unitName: 'Xã Tài Khoản', externalId: '880001', status: 'active', needsReconnect: false, canBroadcast: false }),
    );
    expect(new Date(res.body.accessExpiresAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    expect(res.text).not.toContain(tokens.accessToken);
    expect(res.text).not.toContain('app-secret-zalo');
    expect(res.body).not.toHaveProperty('unitPath');
    const check = await api.http.post(`/api/v1/channel-accounts/${res.body.id}/check`).set('authorization', officerAuth);
    expect(check.body).toEqual({ ok: true, needsReconnect: false, platformId: '880001', platformName: 'OA UBND xã', code: null, message: 'Kết nối tốt' });
    const [call] = zalo.callsTo('GET /v2.0/oa/getoa');
    expect(call.headers['access_token']).toBe(tokens.accessToken);
    const audit = await api.db.query(`SELECT action, data FROM audit_event WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'create', data: { platform: 'zalo', externalId: '880001' } }]);
  });

  it('refuses a Zalo account without the refresh credentials, naming each field in Vietnamese', async () => {
    const res = await api.http
      .post('/api/v1/channel-accounts')
      .set('authorization', adminAuth)
      .send({ unitId: commune.id, platform: 'zalo', name: 'Thiếu', externalId: '880002', accessToken: 'zat-1234567890' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['appId', 'appSecret', 'refreshToken']);
    expect(res.body.details[0].message).toMatch(/Bắt buộc/);
  });

  it('refuses a duplicate account (409) and unknown fields (400)', async () => {
    const tokens = zalo.addOa({ oaId: '880003', name: 'OA 3', appId: '55501', appSecret: 'app-secret-zalo' });
    expect((await api.http.post('/api/v1/channel-accounts').set('authorization', adminAuth).send(zaloBody(tokens, '880003'))).status).toBe(201);
    expect((await api.http.post('/api/v1/channel-accounts').set('authorization', adminAuth).send(zaloBody(tokens, '880003'))).status).toBe(409);
    const extra = await api.http.post('/api/v1/channel-accounts').set('authorization', adminAuth).send({ ...zaloBody(tokens, '880004'), accessTokenEnc: 'x' });
    expect(extra.status).toBe(400);
  });

  it('only admins write; accounts outside the caller’s subtree do not exist for them', async () => {
    const pageToken = graph.addPage('770001', 'Trang xã');
    const body = { unitId: commune.id, platform: 'facebook', name: 'Trang xã', externalId: '770001', accessToken: pageToken };
    expect((await api.http.post('/api/v1/channel-accounts').set('authorization', officerAuth).send(body)).status).toBe(403);
    expect((await api.http.post('/api/v1/channel-accounts').set('authorization', otherAdminAuth).send(body)).status).toBe(404);
    const created = await api.http.post('/api/v1/channel-accounts').set('authorization', adminAuth).send(body);
    expect(created.status).toBe(201);
    expect((await api.http.get(`/api/v1/channel-accounts/${created.body.id}`).set('authorization', otherAdminAuth)).status).toBe(404);
    expect((await api.http.post(`/api/v1/channel-accounts/${created.body.id}/check`).set('authorization', otherAdminAuth)).status).toBe(404);
    expect((await api.http.get('/api/v1/channel-accounts').set('authorization', otherAdminAuth)).body.total).toBe(0);
    const officerList = await api.http.get('/api/v1/channel-accounts?platform=facebook').set('authorization', officerAuth);
    expect(officerList.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);

    const disabled = await api.http.patch(`/api/v1/channel-accounts/${created.body.id}`).set('authorization', adminAuth).send({ enabled: false, name: 'Trang xã (tạm dừng)' });
    expect(disabled.body).toEqual(expect.objectContaining({ status: 'disabled', name: 'Trang xã (tạm dừng)' }));
    expect((await api.http.patch(`/api/v1/channel-accounts/${created.body.id}`).set('authorization', officerAuth).send({ enabled: true })).status).toBe(403);
  });
});
