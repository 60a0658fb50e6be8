import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { SecretBox } from '#domain/index.js';
import { createDataSource } from '#persistence/index.js';
import { createApprovedMessage, waitFor } from '#test/engine-fixtures.js';
import { createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { clearQueueKeys, freePort } from '#test/test-api.js';
import { testConfig } from '#test/test-config.js';
import { createTestDatabase } from '#test/test-database.js';
import { FakeGraphServer } from '../fakes/fake-graph.server.js';
import { FakeZaloServer } from '../fakes/fake-zalo.server.js';

/**
 * Channel secrets at rest and in flight: the built api and worker run as in production, at debug
 * level, against the fakes; accounts are added, checked and published to (a Zalo token is refreshed
 * on the way). The tokens must be ciphertext in Postgres and appear in no API answer and no log line.
 */
describe('channel secrets are sealed at rest and never shown', () => {
  const secretsKey = randomBytes(32).toString('hex');
  const adminPassword = 'Mat-Khau-Quan-Tri-8841';
  const config = testConfig({ databaseUrl: 'postgres://unused' });
  const secrets: string[] = [];
  const answers: string[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let zalo: FakeZaloServer;
  let graph: FakeGraphServer;
  let api: ChildProcess;
  let worker: ChildProcess;
  let output = '';
  let http: ReturnType<typeof supertest>;
  let commune: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let accountIds: string[] = [];

  function start(entry: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [entry], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    return child;
  }

  async function stop(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }

  beforeAll(async () => {
    zalo = await FakeZaloServer.start();
    graph = await FakeGraphServer.start('v25.0');
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    const province = await createUnit(db, { name: 'Tỉnh Bảo Mật', level: 'province' });
    commune = await createUnit(db, { name: 'Xã Bảo Mật', level: 'commune', parent: province });
    await createUser(db, { role: 'admin', unit: province, username: 'admin.secret', password: adminPassword });
    officer = await createUser(db, { role: 'officer', unit: province });
    supervisor = await createUser(db, { role: 'supervisor', unit: province });

    const port = await freePort();
    const env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'debug',
      DATABASE_URL: database.url,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      MIGRATE_ON_START: 'true',
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'tincoso-social-')),
      SECRETS_KEY: secretsKey,
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: zalo.url,
      GRAPH_API_BASE_URL: graph.url,
      GRAPH_API_VERSION: 'v25.0',
      SOCIAL_TIMEOUT_MS: '2000',
      RECONCILE_INTERVAL_SECONDS: '1',
    };
    api = start('dist/apps/api/src/main.js', env);
    http = supertest(`http://127.0.0.1:${port}`);
    await waitFor(() => http.get('/health').then((r) => r.status, () => 0), (s) => s === 200, 20_000, `api up; output: ${output}`);
    worker = start('dist/apps/worker/src/main.js', env);
    await waitFor(async () => output.includes('tincoso worker ready'), Boolean, 20_000, 'worker ready');
  }, 60_000);

  afterAll(async () => {
    await stop(worker);
    await stop(api);
    await db?.destroy();
    await clearQueueKeys(config);
    await database?.drop();
    await zalo?.close();
    await graph?.close();
  });

  it('accepts tokens, answers without them, stores only ciphertext, publishes with them and logs none of them', async () => {
    const login = await http.post('/api/v1/auth/login').send({ username: 'admin.secret', password: adminPassword });
    expect(login.status).toBe(200);
    const auth = `Bearer ${login.body.accessToken}`;
    const app = { appId: '9876543', appSecret: `zalo-secret-${randomBytes(8).toString('hex')}` };
    const zaloTokens = zalo.addOa({ oaId: '777001', name: 'OA Xã Bảo Mật', ...app });
    const pageToken = graph.addPage('990001', 'Trang Xã Bảo Mật');
    secrets.push(app.appSecret, zaloTokens.accessToken, zaloTokens.refreshToken, pageToken);

    const zaloRes = await http
      .post('/api/v1/channel-accounts')
      .set('authorization', auth)
      // Expiring within the use margin: the worker refreshes it before publishing.
      .send({ unitId: commune.id, platform: 'zalo', name: 'Zalo xã', externalId: '777001', ...app, ...zaloTokens, canBroadcast: true, accessExpiresAt: new Date(Date.now() + 60_000).toISOString() });
    const pageRes = await http
      .post('/api/v1/channel-accounts')
      .set('authorization', auth)
      .send({ unitId: commune.id, platform: 'facebook', name: 'Trang xã', externalId: '990001', accessToken: pageToken });
    expect([zaloRes.status, pageRes.status]).toEqual([201, 201]);
    accountIds = [zaloRes.body.id, pageRes.body.id];
    const refused = await http
      .post('/api/v1/channel-accounts')
      .set('authorization', auth)
      .send({ unitId: commune.id, platform: 'facebook', name: 'Sai', externalId: '990002', accessToken: pageToken, unexpected: pageToken });
    expect(refused.status).toBe(400);
    const list = await http.get('/api/v1/channel-accounts').set('authorization', auth);
    expect(list.body.total).toBe(2);
    const got = await http.get(`/api/v1/channel-accounts/${pageRes.body.id}`).set('authorization', auth);
    const check = await http.post(`/api/v1/channel-accounts/${pageRes.body.id}/check`).set('authorization', auth);
    expect(check.body).toEqual(expect.objectContaining({ ok: true, platformId: '990001', platformName: 'Trang Xã Bảo Mật' }));
    for (const res of [zaloRes, pageRes, refused, list, got, check]) {
      answers.push(res.text);
      expect(Object.keys(res.body.items?.[0] ?? res.body).filter((k) => /token|secret|enc/i.test(k))).toEqual([]);
    }

    const messageId = await createApprovedMessage(db, { unit: commune, author: officer, approver: supervisor, sms: 'Thông báo bảo mật', title: 'Tin thử bảo mật' });
    const officerLogin = await http.post('/api/v1/auth/login').send({ username: officer.username, password: officer.password });
    const scheduled = await http
      .post('/api/v1/broadcasts')
      .set('authorization', `Bearer ${officerLogin.body.accessToken}`)
      .send({ messageId, channels: ['zalo', 'facebook'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(scheduled.status).toBe(201);
    const sent = await waitFor(
      () => db.query(`SELECT channel, status FROM delivery WHERE broadcast_id = $1 ORDER BY channel`, [scheduled.body.id]),
      (rows: { status: string }[]) => rows.length === 2 && rows.every((r) => r.status === 'sent'),
      20_000,
      'both social deliveries sent',
    );
    expect(sent).toEqual([{ channel: 'facebook', status: 'sent' }, { channel: 'zalo', status: 'sent' }]);
    expect(zalo.refreshLog).toHaveLength(1);
    secrets.push(zalo.refreshLog[0].issued, zalo.refreshLog[0].accessToken);
    expect(zalo.callsTo('POST /v2.0/article/create')[0].headers['access_token']).toBe(zalo.refreshLog[0].accessToken);
  });

  it('holds only AES-GCM envelopes in the database, which open to the current tokens', async () => {
    const rows: Record<string, string | null>[] = await db.query(
      `SELECT platform, access_token_enc, refresh_token_enc, app_secret_enc FROM channel_account ORDER BY platform`,
    );
    const stored = JSON.stringify(rows);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    const box = SecretBox.fromText(secretsKey);
    const [facebook, zaloRow] = rows;
    for (const sealed of [facebook.access_token_enc, zaloRow.access_token_enc, zaloRow.refresh_token_enc, zaloRow.app_secret_enc]) {
      expect(sealed).toMatch(new RegExp(`^v1\\.${box.currentKeyId}\\.`));
    }
    expect(box.open(facebook.access_token_enc as string)).toBe(secrets[3]);
    expect(box.open(zaloRow.refresh_token_enc as string)).toBe(zalo.refreshLog[0].issued);
    expect(box.open(zaloRow.app_secret_enc as string)).toBe(secrets[0]);
    expect(facebook.refresh_token_enc).toBeNull();
  });

  it('no API answer and no log line of the api or the worker carries a token or the app secret', async () => {
    await stop(worker);
    await stop(api);
    expect(output).toContain('/api/v1/channel-accounts');
    expect(output).toContain('zalo access token refreshed');
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      for (const answer of answers) expect(answer).not.toContain(secret);
    }
    expect(accountIds).toHaveLength(2);
  });
});
