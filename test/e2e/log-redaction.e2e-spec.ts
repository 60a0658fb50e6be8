import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '#persistence/index.js';
import { createUnit, createUser } from '#test/fixtures.js';
import { clearQueueKeys } from '#test/test-api.js';
import { testConfig } from '#test/test-config.js';
import { createTestDatabase } from '#test/test-database.js';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilUp(http: ReturnType<typeof supertest>, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${output()}`);
    const up = await http
      .get('/health')
      .then((res) => res.status === 200)
      .catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`api did not start within 20 s:\n${output()}`);
}

/**
 * Runs the built API as production does, at debug level, drives every flow that carries a secret,
 * and reads what it wrote: no password, token or hash may appear, while request lines must.
 */
describe('logs of the running api carry no secrets', () => {
  const adminPassword = 'Mat-Khau-Quan-Tri-7319';
  const newAdminPassword = 'Mat-Khau-Quan-Tri-Moi-4420';
  const officerPassword = 'Mat-Khau-Can-Bo-5581';
  const resetPassword = 'Mat-Khau-Dat-Lai-6652';
  const wrongPassword = 'Mat-Khau-Sai-Doan-9904';
  const forgedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.gia-mao-chu-ky-1234567890';
  const secrets: string[] = [adminPassword, newAdminPassword, officerPassword, resetPassword, wrongPassword, forgedToken];

  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let child: ChildProcess;
  let output = '';
  let http: ReturnType<typeof supertest>;
  const config = testConfig({ databaseUrl: 'postgres://unused' });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    const province = await createUnit(db, { name: 'Tỉnh Thử Nghiệm', level: 'province' });
    const commune = await createUnit(db, { name: 'Xã Thử Nghiệm', level: 'commune', parent: province });
    await createUser(db, { role: 'admin', unit: province, username: 'admin.log', password: adminPassword });
    // A constraint the service does not expect: the insert fails as an unhandled database error whose
    // parameters and "Failing row contains (...)" detail hold the new password hash.
    await db.query(`ALTER TABLE app_user ADD CONSTRAINT ck_log_test_refused CHECK (username <> 'loi.he.thong')`);

    const port = await freePort();
    child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'debug',
        DATABASE_URL: database.url,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        MIGRATE_ON_START: 'true',
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'tincoso-log-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    http = supertest(`http://127.0.0.1:${port}`);
    await waitUntilUp(http, child, () => output);

    const login = await http.post('/api/v1/auth/login').set('x-request-id', 'log-test-login').send({ username: 'admin.log', password: adminPassword });
    expect(login.status).toBe(200);
    const refreshed = await http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const adminAuth = `Bearer ${refreshed.body.accessToken}`;

    const created = await http
      .post('/api/v1/users')
      .set('authorization', adminAuth)
      .send({ username: 'canbo.log', displayName: 'Cán bộ Log', password: officerPassword, role: 'officer', unitId: commune.id });
    expect(created.status).toBe(201);
    const officerLogin = await http.post('/api/v1/auth/login').send({ username: 'canbo.log', password: officerPassword });
    expect(officerLogin.status).toBe(200);
    const reset = await http.post(`/api/v1/users/${created.body.id}/password`).set('authorization', adminAuth).send({ password: resetPassword });
    expect(reset.status).toBe(204);
    const refused = await http.post('/api/v1/auth/login').send({ username: 'canbo.log', password: wrongPassword });
    expect(refused.status).toBe(401);
    const invalid = await http.post('/api/v1/users').set('authorization', adminAuth).send({ username: 'x', password: wrongPassword, extra: 1 });
    expect(invalid.status).toBe(400);
    const failed = await http
      .post('/api/v1/users')
      .set('authorization', adminAuth)
      .set('x-request-id', 'log-test-db-error')
      .send({ username: 'loi.he.thong', displayName: 'Lỗi hệ thống', password: officerPassword, role: 'officer', unitId: commune.id });
    expect(failed.status).toBe(500);
    const changed = await http
      .post('/api/v1/auth/password')
      .set('authorization', adminAuth)
      .send({ currentPassword: adminPassword, newPassword: newAdminPassword });
    expect(changed.status).toBe(200);
    const forged = await http.get('/api/v1/auth/me').set('authorization', `Bearer ${forgedToken}`).set('x-request-id', 'log-test-forged');
    expect(forged.status).toBe(401);

    for (const body of [login.body, refreshed.body, officerLogin.body, changed.body]) secrets.push(body.accessToken, body.refreshToken);
    const hashes: { password_hash: string }[] = await db.query(`SELECT password_hash FROM app_user`);
    secrets.push(...hashes.map((h) => h.password_hash));

    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.destroy();
    await clearQueueKeys(config);
    await database?.drop();
  });

  it('captured request log lines with their request ids', () => {
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { id?: string; url?: string }; res?: { statusCode?: number } });
    const requests = lines.filter((line) => line.req?.id && line.res?.statusCode);
    expect(requests.length).toBeGreaterThanOrEqual(8);
    expect(requests.map((line) => line.req?.id)).toEqual(expect.arrayContaining(['log-test-login', 'log-test-forged']));
    expect(requests.find((line) => line.req?.id === 'log-test-forged')).toEqual(
      expect.objectContaining({ req: expect.objectContaining({ url: '/api/v1/auth/me' }), res: expect.objectContaining({ statusCode: 401 }) }),
    );
  });

  it('logged the unexpected database error, with its request id', () => {
    const errorLine = output.split('\n').find((line) => line.includes('"unhandled error"'));
    expect(errorLine).toBeDefined();
    expect(JSON.parse(errorLine!)).toEqual(
      expect.objectContaining({ requestId: 'log-test-db-error', err: expect.objectContaining({ constraint: 'ck_log_test_refused' }) }),
    );
  });

  /** The lines that contain the needle, so a failure shows the leak and not the whole log. */
  const linesWith = (needle: string) => output.split('\n').filter((line) => line.toLowerCase().includes(needle.toLowerCase()));

  it('wrote no password, token or password hash', () => {
    expect(secrets.length).toBeGreaterThan(14);
    for (const secret of secrets) {
      expect(secret).toEqual(expect.any(String));
      expect(linesWith(secret)).toEqual([]);
    }
    for (const token of secrets.filter((s) => s.split('.').length === 3)) expect(linesWith(token.split('.')[2])).toEqual([]);
    for (const marker of ['$argon2', 'Failing row contains', 'Bearer ']) expect(linesWith(marker)).toEqual([]);
  });
});
