import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeFptTtsServer } from '../fakes/fake-fpt-tts.server.js';

const SCRIPT = 'Thông báo: Ủy ban nhân dân xã tổ chức tiêm phòng dại cho chó mèo vào sáng Chủ nhật tại nhà văn hóa thôn.';

/** Loudspeaker speech through FPT.AI (TTS_ENGINE=fpt-ai) against the local fake, through the API and the worker. */
describe('FPT.AI speech engine, end to end: per-unit voice, render, cache, retry', () => {
  let fake: FakeFptTtsServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let province: TestUnit;
  let commune: TestUnit;
  let officer: TestUser;
  let officerAuth: string;
  let supervisorAuth: string;

  beforeAll(async () => {
    fake = await new FakeFptTtsServer({ notReadyPolls: 2 }).start();
    api = await startTestApi(
      {},
      {
        customize: (config) => ({
          ...config,
          loudspeakerTts: { engine: 'fpt-ai', voice: null },
          env: { ...config.env, FPT_AI_API_KEY: fake.apiKey, FPT_AI_BASE_URL: fake.url, FPT_AI_TIMEOUT_MS: '1000', FPT_AI_POLL_INTERVAL_MS: '20' },
        }),
      },
    );
    worker = await startTestWorker(api.config);
    province = await createUnit(api.db, { name: 'Tỉnh Giọng Đọc', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Giọng Đọc', level: 'commune', parent: province });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    officer = await createUser(api.db, { role: 'officer', unit: commune });
    officerAuth = await bearer(api.http, officer);
    supervisorAuth = await bearer(api.http, supervisor);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await fake?.close();
  });

  async function message(script: string): Promise<string> {
    const [{ id }] = await api.db.query(
      `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
       VALUES ($1, $2, 'approved', 1, 1, now(), $2, 1) RETURNING id`,
      [commune.id, officer.id],
    );
    await api.db.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
       VALUES ($1, 1, $2, 'Tiêm phòng dại', $3, 'health', 'normal', $4)`,
      [id, officer.id, script, JSON.stringify({ loudspeaker: script })],
    );
    return id;
  }

  const preview = (messageId: string) =>
    api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', officerAuth)
      .send({ messageId, channels: ['loudspeaker'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });

  const audioReady = (messageId: string) => waitFor(() => preview(messageId), (res) => res.status === 200, 30_000, 'FPT.AI audio ready');
  const requestsFor = (text: string) => fake.requests.filter((r) => r.text === text.normalize('NFC'));

  it("lists the active engine's voices, and keeps a unit's voice and speed, inherited by its subunits", async () => {
    const voices = await api.http.get('/api/v1/speech/voices').set('authorization', officerAuth);
    expect(voices.status).toBe(200);
    expect(voices.body).toMatchObject({ engine: 'fpt-ai', defaultVoice: 'banmai', speed: { min: -3, max: 3, default: 0 } });
    expect(voices.body.voices).toContainEqual({ id: 'minhquang', label: 'Minh Quang: nam miền Nam', region: 'south', gender: 'male' });

    const before = await api.http.get(`/api/v1/speech/units/${commune.id}`).set('authorization', officerAuth);
    expect(before.body).toMatchObject({ own: null, effective: { voice: 'banmai', speed: 0, source: 'default' } });

    const refused = await api.http.put(`/api/v1/speech/units/${province.id}`).set('authorization', officerAuth).send({ voice: 'lannhi', speed: 1 });
    expect(refused.status).toBe(403);
    const bad = await api.http.put(`/api/v1/speech/units/${province.id}`).set('authorization', supervisorAuth).send({ voice: 'vi', speed: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'voice', rule: 'voice' })]);
    const outOfRange = await api.http.put(`/api/v1/speech/units/${province.id}`).set('authorization', supervisorAuth).send({ voice: 'lannhi', speed: 4 });
    expect(outOfRange.status).toBe(400);

    const set = await api.http.put(`/api/v1/speech/units/${province.id}`).set('authorization', supervisorAuth).send({ voice: 'lannhi', speed: 1 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ engine: 'fpt-ai', own: { voice: 'lannhi', speed: 1 }, effective: { source: 'unit' } });
    const inherited = await api.http.get(`/api/v1/speech/units/${commune.id}`).set('authorization', officerAuth);
    expect(inherited.body).toMatchObject({ own: null, effective: { voice: 'lannhi', speed: 1, source: 'ancestor', fromUnitId: province.id } });
  });

  it("renders the message in its unit's voice through FPT.AI, then serves it from the cache; a new voice renders anew", async () => {
    const messageId = await message(SCRIPT);
    const first = await preview(messageId);
    expect(first.body.details).toEqual([expect.objectContaining({ rule: 'audio-ready' })]);
    await audioReady(messageId);
    expect(requestsFor(SCRIPT)).toEqual([expect.objectContaining({ apiKey: fake.apiKey, voice: 'lannhi', speed: '1', format: 'mp3' })]);
    expect(fake.problems).toEqual([]);
    const rows = await audioRows(api.db, SCRIPT);
    expect(rows).toEqual([expect.objectContaining({ voice: 'lannhi', speed: 1, status: 'ready', content_type: 'audio/mpeg' })]);
    expect(rows[0].duration_ms).toBeGreaterThan(1_000);

    expect((await preview(messageId)).status).toBe(200);
    expect(requestsFor(SCRIPT)).toHaveLength(1);

    const south = await api.http.put(`/api/v1/speech/units/${commune.id}`).set('authorization', supervisorAuth).send({ voice: 'minhquang', speed: 0 });
    expect(south.status).toBe(200);
    await audioReady(messageId);
    expect(requestsFor(SCRIPT).map((r) => [r.voice, r.speed])).toEqual([['lannhi', '1'], ['minhquang', '0']]);
    expect((await audioRows(api.db, SCRIPT)).map((r) => [r.voice, r.speed, r.status])).toEqual([['lannhi', 1, 'ready'], ['minhquang', 0, 'ready']]);
  });

  it('retries when FPT.AI times out: the job throws, runs again after its backoff and the audio becomes ready', async () => {
    const script = 'Thông báo: lịch cắt điện khu vực thôn Đông từ tám giờ đến mười một giờ sáng thứ Ba.';
    fake.enqueue('hang');
    const messageId = await message(script);
    await audioReady(messageId);
    expect(requestsFor(script)).toHaveLength(2);
    expect(await audioRows(api.db, script)).toEqual([expect.objectContaining({ status: 'ready', error: null })]);
  });

  it('marks the audio failed with the reason when FPT.AI refuses the key, and the officer sees it', async () => {
    const script = 'Thông báo: họp dân thôn Tây lúc mười chín giờ tối nay tại nhà văn hóa.';
    fake.enqueue('unauthorized');
    const messageId = await message(script);
    await preview(messageId);
    const [row] = await waitFor(() => audioRows(api.db, script), (rows) => rows[0]?.status === 'failed', 15_000, 'audio failed');
    expect(row.error).toMatch(/^http-401: /);
    expect(requestsFor(script)).toHaveLength(1);
    const res = await preview(messageId);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ rule: 'audio-ready', message: expect.stringContaining('http-401') })]);
    // Asking again prepares it again (the key was fixed meanwhile): the fake now answers.
    await audioReady(messageId);
  });
});

function audioRows(db: DataSource, text: string): Promise<{ voice: string; speed: number; status: string; error: string | null; content_type: string; duration_ms: number }[]> {
  return db.query(`SELECT voice, speed, status, error, content_type, duration_ms FROM loudspeaker_audio WHERE text = $1 ORDER BY created_at`, [text.normalize('NFC')]);
}
