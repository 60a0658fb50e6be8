import { createHash } from 'node:crypto';
import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { signed, type SigningSystem } from './upper-systems-test-kit.js';

describe('upper-level systems: registry, secrets shown once, signed requests', () => {
  let api: TestApi;
  let province: TestUnit;
  let commune: TestUnit;
  let supervisorAuth: string;
  let officerAuth: string;
  let system: SigningSystem & { id: string };

  beforeAll(async () => {
    api = await startTestApi();
    province = await createUnit(api.db, { name: 'Tỉnh Ký', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Ký', level: 'commune', parent: province });
    supervisorAuth = await bearer(api.http, await createUser(api.db, { role: 'supervisor', unit: province }));
    officerAuth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: province }));
  });
  afterAll(async () => {
    await api?.close();
  });

  it('registers a province system; the secret is answered once, sealed at rest, and the registration audited', async () => {
    const byOfficer = await api.http.post('/api/v1/upper-systems').set('authorization', officerAuth).send({ unitId: province.id, name: 'Nguồn tỉnh' });
    expect(byOfficer.status).toBe(403);
    const commune_ = await api.http.post('/api/v1/upper-systems').set('authorization', supervisorAuth).send({ unitId: commune.id, name: 'Xã' });
    expect(commune_.status).toBe(400);
    expect(commune_.body.details).toEqual([expect.objectContaining({ field: 'unitId', rule: 'upper-level' })]);
    const bad = await api.http.post('/api/v1/upper-systems').set('authorization', supervisorAuth).send({ unitId: province.id, name: '', extra: 1 });
    expect(bad.status).toBe(400);

    const res = await api.http.post('/api/v1/upper-systems').set('authorization', supervisorAuth).send({ unitId: province.id, name: 'Hệ thống thông tin nguồn tỉnh' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ unitId: province.id, trusted: false, active: true, keyId: expect.stringMatching(/^tcs_sys_[0-9a-f]{16}$/) }));
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    system = { id: res.body.id, keyId: res.body.keyId, secret: res.body.secret };

    const read = await api.http.get(`/api/v1/upper-systems/${system.id}`).set('authorization', supervisorAuth);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    const [row] = await api.db.query(`SELECT secret_enc FROM upper_system WHERE id = $1`, [system.id]);
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(system.secret);
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'upper-system' AND entity_id = $1`, [system.id]);
    expect(audit).toEqual([{ action: 'create' }]);
    const [account] = await api.db.query(
      `SELECT u.display_name, u.role, u.disabled_at IS NOT NULL AS locked FROM upper_system s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1`,
      [system.id],
    );
    expect(account).toEqual({ display_name: 'Hệ thống: Hệ thống thông tin nguồn tỉnh', role: 'supervisor', locked: true });
  });

  it('accepts a correctly signed request and hashes the body bytes as received', async () => {
    const body = { title: 'Bão số 3', text: 'Thông báo khẩn' };
    const res = await signed(api.http, system, 'post', '/api/v1/systems/ping', body);
    expect(res.status).toBe(200);
    expect(res.body.system).toEqual({ id: system.id, name: 'Hệ thống thông tin nguồn tỉnh', unitId: province.id, trusted: false });
    expect(res.body.bodySha256).toBe(createHash('sha256').update(JSON.stringify(body)).digest('hex'));
  });

  it('refuses a wrong signature, a stale timestamp, a replayed nonce, an unknown key, missing headers: 401 with the reason', async () => {
    const wrong = await signed(api.http, system, 'post', '/api/v1/systems/ping', { a: 1 }, { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'X-Tincoso-Signature', rule: 'signature' })]);
    expect(wrong.body.message).toBe('Chữ ký không hợp lệ');

    const stale = await signed(api.http, system, 'post', '/api/v1/systems/ping', { a: 1 }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(stale.body.details).toEqual([expect.objectContaining({ field: 'X-Tincoso-Timestamp', rule: 'stale' })]);

    const nonce = 'replay-0123456789abcdef';
    const first = await signed(api.http, system, 'post', '/api/v1/systems/ping', { a: 1 }, { nonce });
    expect(first.status).toBe(200);
    const again = await signed(api.http, system, 'post', '/api/v1/systems/ping', { a: 1 }, { nonce });
    expect(again.status).toBe(401);
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'X-Tincoso-Nonce', rule: 'replay' })]);

    const unknown = await signed(api.http, { keyId: 'tcs_sys_0000000000000000', secret: system.secret }, 'post', '/api/v1/systems/ping', { a: 1 });
    expect(unknown.status).toBe(401);
    expect(unknown.body.details).toEqual([expect.objectContaining({ rule: 'unknown' })]);

    const bare = await api.http.post('/api/v1/systems/ping').send({ a: 1 });
    expect(bare.status).toBe(401);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'X-Tincoso-System', rule: 'required' })]);

    // A body changed after signing does not pass.
    const changed = await signed(api.http, system, 'post', '/api/v1/systems/ping', { a: 1 }, { sentBody: '{"a":2}' });
    expect(changed.status).toBe(401);
    expect(changed.body.details).toEqual([expect.objectContaining({ rule: 'signature' })]);
  });

  it('rotating makes the old secret stop at once; a deactivated system is refused', async () => {
    const rotated = await api.http.post(`/api/v1/upper-systems/${system.id}/secret`).set('authorization', supervisorAuth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(system.secret);
    expect((await signed(api.http, system, 'post', '/api/v1/systems/ping', {})).status).toBe(401);
    const fresh = { ...system, secret: rotated.body.secret };
    expect((await signed(api.http, fresh, 'post', '/api/v1/systems/ping', {})).status).toBe(200);

    const off = await api.http.patch(`/api/v1/upper-systems/${system.id}`).set('authorization', supervisorAuth).send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const refused = await signed(api.http, fresh, 'post', '/api/v1/systems/ping', {});
    expect(refused.status).toBe(401);
    expect(refused.body.details).toEqual([expect.objectContaining({ rule: 'unknown' })]);
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'upper-system' AND entity_id = $1 ORDER BY id`, [system.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'rotate', 'deactivate']);
  });
});
