import { createUnit, createUser, type TestUser } from '../../libs/testing/src/fixtures.js';
import { startTestApi, type TestApi } from '../../libs/testing/src/test-api.js';

describe('authentication over HTTP', () => {
  let api: TestApi;
  let officer: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ loginMaxAttempts: 3 });
    const province = await createUnit(api.db, { name: 'Tỉnh Thử Nghiệm', level: 'province' });
    const commune = await createUnit(api.db, { name: 'Xã Thử Nghiệm', level: 'commune', parent: province });
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
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rejects unknown fields in the login body naming the field', async () => {
    const res = await api.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'admin', rule: 'unknown-field' })]);
  });
});
