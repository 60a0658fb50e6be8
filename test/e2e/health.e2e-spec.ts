import { startTestApi, type TestApi } from '#test/test-api.js';

describe('health and API documentation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers liveness and readiness with Postgres and Redis up (no worker here: degraded, still 200)', async () => {
    expect((await api.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await api.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks).toEqual({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      worker: { status: 'down', error: 'chưa có worker nào gửi nhịp tim' },
    });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await api.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/auth/login');
    const ui = await api.http.get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('echoes a request id on every response', async () => {
    const res = await api.http.get('/health').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
