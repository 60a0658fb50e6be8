import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { WorkerHeartbeats } from '#queue/index.js';
import { startTestWorker } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

describe('operations access: the queue board for admins, readiness with the worker heartbeat', () => {
  let api: TestApi;
  let admin: TestUser;
  let adminAuth: string;
  let officerAuth: string;
  let supervisorAuth: string;

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Vận Hành', level: 'province' });
    admin = await createUser(api.db, { role: 'admin', unit: province });
    adminAuth = await bearer(api.http, admin);
    officerAuth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: province }));
    supervisorAuth = await bearer(api.http, await createUser(api.db, { role: 'supervisor', unit: province }));
  });
  afterAll(() => api?.close());

  describe('Bull Board at /admin/queues', () => {
    it('answers 401 in the one error body to nobody logged in, page and API alike', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await api.http.get(path);
        expect(res.status).toBe(401);
        expect(res.body).toEqual(expect.objectContaining({ statusCode: 401, message: 'Cần đăng nhập bằng tài khoản quản trị để xem hàng đợi' }));
      }
      expect((await api.http.get('/admin/queues').set('authorization', 'Bearer not.a.token')).status).toBe(401);
    });

    it('answers 403 to officers and supervisors', async () => {
      for (const auth of [officerAuth, supervisorAuth]) {
        for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
          const res = await api.http.get(path).set('authorization', auth);
          expect(res.status).toBe(403);
          expect(res.body.message).toBe('Chỉ quản trị viên được xem hàng đợi');
        }
        expect((await api.http.post('/api/v1/admin/queues/session').set('authorization', auth)).status).toBe(403);
      }
    });

    it('serves the board and its queues to an admin', async () => {
      const page = await api.http.get('/admin/queues').set('authorization', adminAuth);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('<base href="/admin/queues/" />');
      expect((await api.http.get('/admin/queues/static/favicon-32x32.png').set('authorization', adminAuth)).status).toBe(200);
      expect((await api.http.get('/admin/queues/static/favicon-32x32.png')).status).toBe(401);
      const queues = await api.http.get('/admin/queues/api/queues').set('authorization', adminAuth);
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
        ['housekeeping', 'loudspeaker-audio', 'occurrences', 'sms-bulk', 'sms-urgent', 'social'].sort(),
      );
      // Read-only, for admins too: nothing there can run a delayed broadcast early or drop a job.
      expect(queues.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
      const add = await api.http.post('/admin/queues/api/queues/occurrences/add').set('authorization', adminAuth).send({ name: 'x', data: {} });
      expect(add.status).toBe(405);
    });

    it('opens the board in a browser tab through a cookie only /admin/queues receives', async () => {
      const session = await api.http.post('/api/v1/admin/queues/session').set('authorization', adminAuth);
      expect(session.status).toBe(204);
      const cookie = (session.headers['set-cookie'] as unknown as string[])[0];
      expect(cookie).toMatch(/^tincoso_queues=[^;]+; Max-Age=900; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
      const page = await api.http.get('/admin/queues').set('cookie', cookie.split(';')[0]);
      expect(page.status).toBe(200);
      // A disabled admin loses the board at once, cookie or not.
      await api.db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [admin.id]);
      expect((await api.http.get('/admin/queues').set('cookie', cookie.split(';')[0])).status).toBe(401);
      await api.db.query(`UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [admin.id]);
    });
  });

  describe('readiness and the worker heartbeat', () => {
    let redis: Redis;
    let worker: INestApplicationContext | undefined;
    beforeAll(() => {
      redis = new Redis(api.config.redisUrl);
    });
    afterAll(async () => {
      await worker?.close();
      await redis.quit();
    });

    it('is degraded (200) while no worker ever beat, ok once one does, degraded again when its beat is stale', async () => {
      const none = await api.http.get('/health/ready');
      expect(none.status).toBe(200);
      expect(none.body).toEqual({
        status: 'degraded',
        checks: { postgres: { status: 'up' }, redis: { status: 'up' }, worker: { status: 'down', error: 'chưa có worker nào gửi nhịp tim' } },
      });

      worker = await startTestWorker(api.config);
      const live = await api.http.get('/health/ready');
      expect(live.body).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, worker: { status: 'up' } } });

      // A drained worker removes its heartbeat; one that died leaves its last beat to go stale.
      await worker.close();
      worker = undefined;
      await new WorkerHeartbeats(redis, api.config.queuePrefix).beat('died-worker', Date.now() - 125_000);
      const stale = await api.http.get('/health/ready');
      expect(stale.status).toBe(200);
      expect(stale.body.status).toBe('degraded');
      expect(stale.body.checks.worker).toEqual({
        status: 'down',
        error: 'không có nhịp tim của worker trong 60 giây (lần cuối 125 giây trước)',
      });
      const metrics = await api.http.get('/metrics').set('authorization', `Bearer ${api.config.metrics.token}`);
      expect(metrics.text).toMatch(/^tincoso_workers_alive 0$/m);
    });
  });

  describe('metrics off (production without METRICS_TOKEN)', () => {
    let off: TestApi;
    beforeAll(async () => {
      off = await startTestApi({}, { customize: (config) => ({ ...config, metrics: { ...config.metrics, token: null } }) });
    });
    afterAll(() => off?.close());

    it('has no /metrics route at all, whatever token is sent', async () => {
      expect((await off.http.get('/metrics')).status).toBe(404);
      expect((await off.http.get('/metrics').set('authorization', `Bearer ${api.config.metrics.token}`)).status).toBe(404);
    });
  });
});
