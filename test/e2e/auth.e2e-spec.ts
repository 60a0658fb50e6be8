import { createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

describe('authentication over HTTP', () => {
  let api: TestApi;
  let commune: TestUnit;
  let officer: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ loginMaxAttempts: 3 });
    const province = await createUnit(api.db, { name: 'Tỉnh Thử Nghiệm', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Thử Nghiệm', level: 'commune', parent: province });
    officer = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.thu' });
  });
  afterAll(() => api.close());

  it('issues an access token and a refresh token, never the password hash', async () => {
    const res = await api.http.post('/api/v1/auth/login').send({ username: 'CanBo.Thu', password: officer.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 }),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
    const me = await api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ username: 'canbo.thu', role: 'officer', unitName: 'Xã Thử Nghiệm' }));
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|hash/i);
  });

  it('refuses protected routes without a token, with the error body', async () => {
    const res = await api.http.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: 401, error: 'Unauthorized', details: [] }));
    const forged = await api.http.get('/api/v1/auth/me').set('authorization', 'Bearer not.a.token');
    expect(forged.status).toBe(401);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const login = await api.http.post('/api/v1/auth/login').send({ username: officer.username, password: officer.password });
    const first = login.body.refreshToken as string;
    const rotated = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    const replay = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first });
    expect(replay.status).toBe(401);
    const afterReplay = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(afterReplay.status).toBe(401);
  });

  it('locks a username after repeated failures from one address and says when to retry', async () => {
    const attempt = () => api.http.post('/api/v1/auth/login').send({ username: officer.username, password: 'sai-mat-khau' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const locked = await api.http.post('/api/v1/auth/login').send({ username: officer.username, password: officer.password });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers['retry-after']);
    // The lock runs from the first failure, a few seconds ago at most.
    expect(retryAfter).toBeLessThanOrEqual(api.config.loginLockSeconds);
    expect(retryAfter).toBeGreaterThan(api.config.loginLockSeconds - 30);
    expect(locked.body).toEqual(
      expect.objectContaining({ statusCode: 429, message: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.` }),
    );
  });

  it('logs out: the refresh token and every token rotated from it stop working, other sessions do not', async () => {
    const user = await createUser(api.db, { role: 'officer', unit: commune, username: 'canbo.dangxuat' });
    const login = () => api.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    const refresh = (refreshToken: string) => api.http.post('/api/v1/auth/refresh').send({ refreshToken });
    const first = (await login()).body;
    const other = (await login()).body;
    const rotated = (await refresh(first.refreshToken)).body;

    const out = await api.http.post('/api/v1/auth/logout').send({ refreshToken: first.refreshToken });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('rejects unknown fields in the login body naming the field', async () => {
    const res = await api.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'admin', rule: 'unknown-field' })]);
  });
});
