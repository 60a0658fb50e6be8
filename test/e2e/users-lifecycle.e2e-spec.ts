import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

describe('disabling users and changing passwords over HTTP', () => {
  let api: TestApi;
  let district: TestUnit;
  let commune: TestUnit;
  let admin: TestUser;
  let adminAuth: string;

  const login = (username: string, password: string) => api.http.post('/api/v1/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => api.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${accessToken}`);
  const auditActions = async (entityId: string) =>
    (await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`, [entityId])).map(
      (r: { action: string }) => r.action,
    );
  const liveRefreshTokens = async (userId: string) =>
    (await api.db.query(`SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL`, [userId]))[0]
      .n as number;

  beforeAll(async () => {
    api = await startTestApi({ loginMaxAttempts: 3 });
    const province = await createUnit(api.db, { name: 'Tỉnh Thử Nghiệm', level: 'province' });
    district = await createUnit(api.db, { name: 'Huyện Một', level: 'district', parent: province });
    commune = await createUnit(api.db, { name: 'Xã Tân Lập', level: 'commune', parent: district });
    admin = await createUser(api.db, { role: 'admin', unit: district, username: 'admin.huyen' });
    adminAuth = await bearer(api.http, admin);
  });
  afterAll(() => api.close());

  it('cuts a disabled user off at once (token, login, refresh) and enabling restores login', async () => {
    const officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.khoa' });
    const session = (await login(officer.username, officer.password)).body;
    expect((await me(session.accessToken)).status).toBe(200);

    const disabled = await api.http.post(`/api/v1/users/${officer.id}/disable`).set('authorization', adminAuth);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual(expect.objectContaining({ id: officer.id, disabled: true, disabledAt: expect.any(String) }));

    expect((await me(session.accessToken)).status).toBe(401);
    expect((await login(officer.username, officer.password)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect(await liveRefreshTokens(officer.id)).toBe(0);

    const hidden = await api.http.get('/api/v1/users?pageSize=100').set('authorization', adminAuth);
    expect(hidden.body.items.map((u: { id: string }) => u.id)).not.toContain(officer.id);
    const shown = await api.http.get('/api/v1/users?includeDisabled=true&pageSize=100').set('authorization', adminAuth);
    expect(shown.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: officer.id, disabled: true })]));

    const again = await api.http.post(`/api/v1/users/${officer.id}/disable`).set('authorization', adminAuth);
    expect(again.status).toBe(200);

    const enabled = await api.http.post(`/api/v1/users/${officer.id}/enable`).set('authorization', adminAuth);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual(expect.objectContaining({ disabled: false, disabledAt: null }));
    const relogin = await login(officer.username, officer.password);
    expect(relogin.status).toBe(200);
    expect((await me(relogin.body.accessToken)).status).toBe(200);
    expect((await refresh(session.refreshToken)).status).toBe(401);

    expect(await auditActions(officer.id)).toEqual(['disable', 'enable']);
  });

  it('refuses an admin disabling themselves, and non-admins disabling anyone', async () => {
    const self = await api.http.post(`/api/v1/users/${admin.id}/disable`).set('authorization', adminAuth);
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('chính mình');
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: district });
    const officer = await createUser(api.db, { role: 'officer', unit: commune });
    const bySupervisor = await api.http.post(`/api/v1/users/${officer.id}/disable`).set('authorization', await bearer(api.http, supervisor));
    expect(bySupervisor.status).toBe(403);
    const [row] = await api.db.query(`SELECT disabled_at FROM app_user WHERE id = $1`, [officer.id]);
    expect(row.disabled_at).toBeNull();
    expect(await auditActions(admin.id)).toEqual([]);
  });

  it('lets an admin reset a password: the old one stops working and sessions end', async () => {
    const officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.quen' });
    const session = (await login(officer.username, officer.password)).body;
    const reset = await api.http.post(`/api/v1/users/${officer.id}/password`).set('authorization', adminAuth).send({ password: 'mat-khau-moi-cap' });
    expect(reset.status).toBe(204);
    expect(reset.text).toBe('');
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await login(officer.username, officer.password)).status).toBe(401);
    expect((await login(officer.username, 'mat-khau-moi-cap')).status).toBe(200);
    expect(await auditActions(officer.id)).toEqual(['password-reset']);

    const short = await api.http.post(`/api/v1/users/${officer.id}/password`).set('authorization', adminAuth).send({ password: 'ngan' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'minLength' })]);
    const own = await api.http.post(`/api/v1/users/${admin.id}/password`).set('authorization', adminAuth).send({ password: 'mat-khau-moi-cap' });
    expect(own.status).toBe(403);
  });

  it('lets a user change their own password, ending their other sessions but not this one', async () => {
    const officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.doimk' });
    const laptop = (await login(officer.username, officer.password)).body;
    const phone = (await login(officer.username, officer.password)).body;
    const change = (body: object) => api.http.post('/api/v1/auth/password').set('authorization', `Bearer ${laptop.accessToken}`).send(body);

    const wrong = await change({ currentPassword: 'khong-phai-mat-khau', newPassword: 'mat-khau-rieng-moi' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', rule: 'mismatch' })]);
    const same = await change({ currentPassword: officer.password, newPassword: officer.password });
    expect(same.status).toBe(400);
    expect(same.body.details).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notCurrent' })]);
    const short = await change({ currentPassword: officer.password, newPassword: 'ngan' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'minLength' })]);

    const ok = await change({ currentPassword: officer.password, newPassword: 'mat-khau-rieng-moi' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) }));
    expect(JSON.stringify(ok.body)).not.toMatch(/argon2|mat-khau/);

    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await refresh(laptop.refreshToken)).status).toBe(401);
    expect((await refresh(ok.body.refreshToken)).status).toBe(200);
    expect((await login(officer.username, officer.password)).status).toBe(401);
    expect((await login(officer.username, 'mat-khau-rieng-moi')).status).toBe(200);
    expect(await auditActions(officer.id)).toEqual(['password-change']);
  });

  it('counts wrong current passwords as failed logins, so guessing is throttled', async () => {
    const officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.doan' });
    const token = (await login(officer.username, officer.password)).body.accessToken;
    const guess = () =>
      api.http.post('/api/v1/auth/password').set('authorization', `Bearer ${token}`).send({ currentPassword: 'doan-mo', newPassword: 'mat-khau-rieng-moi' });
    for (let i = 0; i < api.config.loginMaxAttempts; i += 1) expect((await guess()).status).toBe(400);
    const locked = await guess();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(officer.username, officer.password)).status).toBe(429);
  });
});
