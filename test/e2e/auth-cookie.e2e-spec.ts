import { createHash } from 'node:crypto';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const CLEARED = 'tincoso_refresh=; Max-Age=0; Path=/api/v1/auth/refresh; HttpOnly; SameSite=Strict';

/** The console's session: refresh token in an HttpOnly cookie, access token in the body. */
describe('cookie sessions for the console', () => {
  let api: TestApi;
  let commune: TestUnit;
  let officer: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Phiên', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Phiên Làm Việc', level: 'commune', parent: province });
    officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.phien' });
  });
  afterAll(() => api.close());

  const cookiesOf = (res: { headers: Record<string, unknown> }) => (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const tokenIn = (setCookie: string) => decodeURIComponent(/^tincoso_refresh=([^;]*)/.exec(setCookie)![1]);
  const loginWithCookie = (user: TestUser = officer, headers: Record<string, string> = {}) =>
    api.http.post('/api/v1/auth/login').set(headers).send({ username: user.username, password: user.password, useCookie: true });
  const refreshByCookie = (token: string) => api.http.post('/api/v1/auth/refresh').set('cookie', `other=1; tincoso_refresh=${token}`).send({});
  const tokenRow = async (token: string) =>
    (await api.db.query(`SELECT used_at, revoked_at, family_id FROM refresh_token WHERE token_hash = $1`, [sha256(token)]))[0];

  it('sets the refresh token as an HttpOnly, SameSite=Strict cookie on the refresh path, and leaves it out of the body', async () => {
    const res = await loginWithCookie();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshExpiresIn', 'tokenType']);
    const [cookie, ...others] = cookiesOf(res);
    expect(others).toEqual([]);
    const token = tokenIn(cookie);
    expect(cookie).toBe(`tincoso_refresh=${token}; Max-Age=${api.config.refreshTokenTtlSeconds}; Path=/api/v1/auth/refresh; HttpOnly; SameSite=Strict`);
    expect(await tokenRow(token)).toEqual(expect.objectContaining({ used_at: null, revoked_at: null }));
  });

  it('marks the cookie Secure when the request came over HTTPS through the proxy', async () => {
    const res = await loginWithCookie(officer, { 'x-forwarded-proto': 'https' });
    expect(cookiesOf(res)[0]).toMatch(/^tincoso_refresh=[\w-]+; Max-Age=\d+; Path=\/api\/v1\/auth\/refresh; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('keeps the bearer flow for API clients: no cookie, the refresh token in the body', async () => {
    const login = await api.http.post('/api/v1/auth/login').send({ username: officer.username, password: officer.password });
    expect(cookiesOf(login)).toEqual([]);
    const refreshed = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(cookiesOf(refreshed)).toEqual([]);
  });

  it('refreshes from the cookie, rotating it into a new cookie; replaying the old one revokes the whole family', async () => {
    const first = tokenIn(cookiesOf(await loginWithCookie())[0]);
    const refreshed = await refreshByCookie(first);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const me = await api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${refreshed.body.accessToken}`);
    expect(me.body.username).toBe(officer.username);
    const second = tokenIn(cookiesOf(refreshed)[0]);
    expect(second).not.toBe(first);
    expect(cookiesOf(refreshed)[0]).toContain('; Path=/api/v1/auth/refresh; HttpOnly; SameSite=Strict');
    expect((await tokenRow(first)).used_at).not.toBeNull();

    const replay = await refreshByCookie(first);
    expect(replay.status).toBe(401);
    expect(cookiesOf(replay)).toEqual([CLEARED]);
    const afterReplay = await refreshByCookie(second);
    expect(afterReplay.status).toBe(401);
    expect((await tokenRow(second)).revoked_at).not.toBeNull();
  });

  it('answers 401 and clears the cookie when there is no refresh token at all', async () => {
    const res = await api.http.post('/api/v1/auth/refresh').send({});
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
    expect(cookiesOf(res)).toEqual([CLEARED]);
  });

  it('logs out the bearer token’s session and clears the cookie, leaving other sessions alone', async () => {
    const session = await loginWithCookie();
    const token = tokenIn(cookiesOf(session)[0]);
    const other = tokenIn(cookiesOf(await loginWithCookie())[0]);
    const out = await api.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${session.body.accessToken}`).send({});
    expect(out.status).toBe(204);
    expect(cookiesOf(out)).toEqual([CLEARED]);
    expect((await tokenRow(token)).revoked_at).not.toBeNull();
    expect((await tokenRow(other)).revoked_at).toBeNull();
    expect((await refreshByCookie(token)).status).toBe(401);
    expect((await refreshByCookie(other)).status).toBe(200);
  });

  it('logs out everywhere: every session of the user ends, audited; other users keep theirs', async () => {
    const user = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.moinoi' });
    const bystander = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.bentrong' });
    const laptop = await loginWithCookie(user);
    const phone = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    const theirs = tokenIn(cookiesOf(await loginWithCookie(bystander))[0]);

    const out = await api.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${laptop.body.accessToken}`).send({ everywhere: true });
    expect(out.status).toBe(204);
    expect(cookiesOf(out)).toEqual([CLEARED]);
    const live = await api.db.query(`SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
    expect(live).toEqual([{ n: 0 }]);
    expect((await api.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.body.refreshToken })).status).toBe(401);
    expect((await refreshByCookie(theirs)).status).toBe(200);
    const audit = await api.db.query(`SELECT actor_id, unit_id, entity_type, action FROM audit_event WHERE entity_id = $1`, [user.id]);
    expect(audit).toEqual([{ actor_id: user.id, unit_id: commune.id, entity_type: 'user', action: 'logout-everywhere' }]);
  });

  it('lets an API client log out everywhere with its live refresh token as proof', async () => {
    const user = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.apiclient' });
    const login = () => api.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    const first = (await login()).body;
    const second = (await login()).body;
    const out = await api.http.post('/api/v1/auth/logout').send({ refreshToken: first.refreshToken, everywhere: true });
    expect(out.status).toBe(204);
    expect(await tokenRow(second.refreshToken)).toEqual(expect.objectContaining({ revoked_at: expect.any(Date) }));
    const again = await api.http.post('/api/v1/auth/logout').send({ refreshToken: first.refreshToken, everywhere: true });
    expect(again.status).toBe(401);
  });

  it('refuses to log out everywhere without proof of who the user is, still clearing the cookie', async () => {
    const res = await api.http.post('/api/v1/auth/logout').set('authorization', 'Bearer not.a.token').send({ everywhere: true });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Cần đăng nhập để đăng xuất khỏi mọi thiết bị');
    expect(cookiesOf(res)).toEqual([CLEARED]);
  });

  it('tells a disabled account apart from a wrong password, only to someone who knows the password', async () => {
    const user = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.bikhoa' });
    await api.db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [user.id]);
    const disabled = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    expect(disabled.status).toBe(401);
    expect(disabled.body).toEqual(
      expect.objectContaining({
        message: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên để được mở lại.',
        details: [{ field: 'username', rule: 'account-disabled', message: 'Tài khoản đã bị khóa' }],
      }),
    );
    const wrong = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(expect.objectContaining({ message: 'Tên đăng nhập hoặc mật khẩu không đúng', details: [] }));
  });

  it('says who is signed in with the unit level and time zone (the unit’s own, else Asia/Ho_Chi_Minh)', async () => {
    const auth = await bearer(api.http, officer);
    const me = await api.http.get('/api/v1/auth/me').set('authorization', auth);
    expect(me.body).toEqual({
      id: officer.id,
      username: 'canbo.phien',
      displayName: 'canbo.phien',
      role: 'officer',
      unitId: commune.id,
      unitName: 'Xã Phiên Làm Việc',
      unitLevel: 'commune',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const elsewhere = await createUnit(api.db, { name: 'Xã Múi Giờ Khác', level: 'commune' });
    await api.db.query(`UPDATE admin_unit SET time_zone = 'Asia/Bangkok' WHERE id = $1`, [elsewhere.id]);
    const other = await createUser(api.db, { role: 'supervisor', unit: elsewhere });
    const theirs = await api.http.get('/api/v1/auth/me').set('authorization', await bearer(api.http, other));
    expect(theirs.body).toEqual(expect.objectContaining({ unitLevel: 'commune', timeZone: 'Asia/Bangkok' }));
  });

  it('puts the new session of a password change in the cookie when asked', async () => {
    const user = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.doimatkhau' });
    const res = await api.http
      .post('/api/v1/auth/password')
      .set('authorization', await bearer(api.http, user))
      .send({ currentPassword: user.password, newPassword: 'mat-khau-moi-rat-dai', useCookie: true });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toBeUndefined();
    const token = tokenIn(cookiesOf(res)[0]);
    expect((await refreshByCookie(token)).status).toBe(200);
  });
});
