import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { createApprovedMessage, createSubscribers, deliveryCounts, startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { freePort, startTestApi, type TestApi } from '#test/test-api.js';
import { behaviours, FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { parseExposition, total, has, type Sample } from './metrics-exposition.js';

const SMS = 'Tiếp nhận hồ sơ trực tuyến mức độ toàn trình tại Bộ phận một cửa xã.';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('Prometheus metrics of the api and the worker', () => {
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let workerMetricsUrl: string;
  let province: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let officerAuth: string;
  let token: string;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({}, { customize: withFakeTwilio(fake) });
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
    const port = await freePort();
    worker = await startTestWorker({ ...api.config, metrics: { ...api.config.metrics, workerHost: '127.0.0.1', workerPort: port } });
    workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
    token = api.config.metrics.token as string;
    province = await createUnit(api.db, { name: 'Tỉnh Số Đo', level: 'province' });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    officer = await createUser(api.db, { role: 'officer', unit: province });
    officerAuth = await bearer(api.http, officer);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await fake?.close();
  });

  async function scrapeWorker(): Promise<Sample[]> {
    const res = await fetch(workerMetricsUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  }

  async function scrapeApi(): Promise<Sample[]> {
    const res = await api.http.get('/metrics').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return parseExposition(res.text);
  }

  async function schedule(unit: TestUnit, at: Date): Promise<string> {
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: SMS });
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', officerAuth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: at.toISOString() } });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('counts a broadcast\'s sends by channel, provider and outcome, its jobs by queue and each provider call', async () => {
    const unit = await createUnit(api.db, { name: 'Xã Đếm Tin', level: 'commune', parent: province });
    const phones = await createSubscribers(api.db, { unit, count: 23, from: 3000 });
    fake.respondTo(phones[7], behaviours.invalidNumber());
    fake.respondTo(phones[11], behaviours.invalidNumber());
    const before = await scrapeWorker();
    const key = { channel: 'sms', provider: 'twilio' };

    const id = await schedule(unit, new Date());
    await waitFor(
      () => deliveryCounts(api.db, id),
      (c) => (c.sent ?? 0) + (c.failed ?? 0) === 23,
      20_000,
      'every delivery settled',
    );
    // The job counters move when the handlers return, just after the rows settle.
    const after = await waitFor(
      scrapeWorker,
      (s) => total(s, 'tincoso_jobs_total', { queue: 'sms-bulk', outcome: 'completed' }) - total(before, 'tincoso_jobs_total', { queue: 'sms-bulk', outcome: 'completed' }) >= 3,
      10_000,
      'the SMS batch jobs counted',
    );
    const moved = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);

    expect(moved('tincoso_sends_total', { ...key, outcome: 'sent' })).toBe(21);
    expect(moved('tincoso_sends_total', { ...key, outcome: 'permanent' })).toBe(2);
    expect(moved('tincoso_sends_total', { ...key, outcome: 'retryable' })).toBe(0);
    expect(moved('tincoso_provider_request_duration_seconds_count', key)).toBe(23);
    expect(moved('tincoso_jobs_total', { queue: 'occurrences', outcome: 'completed' })).toBe(1);
    expect(moved('tincoso_jobs_total', { queue: 'occurrences', outcome: 'failed' })).toBe(0);
    // 23 recipients in batches of 10.
    expect(moved('tincoso_jobs_total', { queue: 'sms-bulk', outcome: 'completed' })).toBe(3);
    expect(moved('tincoso_job_duration_seconds_count', { queue: 'sms-bulk' })).toBe(3);
    expect(moved('tincoso_occurrence_start_delay_seconds_count', {})).toBe(1);
    expect(has(after, 'tincoso_process_resident_memory_bytes')).toBe(true);
  });

  it('times api requests by route pattern, never by raw URL', async () => {
    const id = '2f1c0d8e-4b2a-4c1d-9e3f-5a6b7c8d9e0f';
    expect((await api.http.get(`/api/v1/broadcasts/${id}`).set('authorization', officerAuth)).status).toBe(404);
    expect((await api.http.get('/api/v1/no/such/route')).status).toBe(404);
    const samples = await scrapeApi();
    const route = { method: 'GET', route: '/api/v1/broadcasts/:id', status: '404' };
    expect(total(samples, 'tincoso_http_request_duration_seconds_count', route)).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'tincoso_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/auth/login' })).toBeGreaterThanOrEqual(1);
    const routes = samples.filter((s) => s.name === 'tincoso_http_request_duration_seconds_count').map((s) => s.labels.route);
    expect(routes.filter((r) => UUID.test(r) || r.includes('/no/such'))).toEqual([]);
  });

  it('computes queue depth, late occurrences and stations online when scraped', async () => {
    const unit = await createUnit(api.db, { name: 'Xã Hàng Đợi', level: 'commune', parent: province });
    await createSubscribers(api.db, { unit, count: 2, from: 5000 });
    const base = await scrapeApi();
    for (const queue of ['occurrences', 'sms-bulk', 'sms-urgent', 'social', 'housekeeping', 'loudspeaker-audio']) {
      expect(has(base, 'tincoso_queue_jobs', { queue, state: 'waiting' })).toBe(true);
      expect(has(base, 'tincoso_queue_oldest_job_age_seconds', { queue })).toBe(true);
    }
    const delayed = (s: Sample[]) => total(s, 'tincoso_queue_jobs', { queue: 'occurrences', state: 'delayed' });

    const id = await schedule(unit, new Date(Date.now() + 3_600_000));
    const queued = await scrapeApi();
    expect(delayed(queued) - delayed(base)).toBe(1);
    expect(total(queued, 'tincoso_occurrences_late')).toBe(0);

    // Due five minutes ago and still pending (its job waits for the original time): late.
    await api.db.query(`UPDATE occurrence SET due_at = now() - interval '5 minutes' WHERE broadcast_id = $1`, [id]);
    await api.db.query(
      `INSERT INTO station (unit_id, name, kind, token_hash, last_seen_at)
       VALUES ($1, 'Cụm loa thôn 1', 'ip-cluster', 'h1', now()), ($1, 'Cụm loa thôn 2', 'ip-cluster', 'h2', now() - interval '1 hour')`,
      [unit.id],
    );
    const later = await scrapeApi();
    expect(total(later, 'tincoso_occurrences_late')).toBe(1);
    expect(total(later, 'tincoso_devices', { kind: 'station', state: 'online' })).toBe(1);
    expect(total(later, 'tincoso_devices', { kind: 'station', state: 'offline' })).toBe(1);
    expect(total(later, 'tincoso_workers_alive')).toBe(1);
  });

  it('leaves out a gauge whose source fails, never the whole scrape', async () => {
    await api.db.query(`ALTER TABLE board RENAME TO board_away`);
    try {
      const samples = await scrapeApi();
      expect(has(samples, 'tincoso_devices')).toBe(false);
      expect(has(samples, 'tincoso_queue_jobs', { queue: 'occurrences' })).toBe(true);
      expect(has(samples, 'tincoso_http_request_duration_seconds_count')).toBe(true);
    } finally {
      await api.db.query(`ALTER TABLE board_away RENAME TO board`);
    }
    expect(has(await scrapeApi(), 'tincoso_devices', { kind: 'board', state: 'online' })).toBe(true);
  });

  it('exposes every metric the Grafana dashboard and the alert rules use', async () => {
    const exposed = new Set([...(await scrapeApi()), ...(await scrapeWorker())].map((s) => s.name));
    const used = ['docs/operations/grafana-dashboard.json', 'docs/operations/alerts.yml'].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\btincoso_[a-z0-9_]+/g)].map(([name]) => name),
    );
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used)].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('answers scrapers only with the metrics token', async () => {
    expect((await api.http.get('/metrics')).status).toBe(401);
    expect((await api.http.get('/metrics').set('authorization', 'Bearer not-the-token-at-all')).status).toBe(401);
    expect((await fetch(workerMetricsUrl)).status).toBe(401);
    expect((await fetch(workerMetricsUrl, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    expect((await fetch(workerMetricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });
});
