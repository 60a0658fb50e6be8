import { wavDurationMs } from '#loudspeaker/tts/wav-duration.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/** supertest buffers unknown types as text; audio is collected as bytes. */
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe('POST /speech/preview: the loudspeaker voice, as a WAV, for officers and supervisors', () => {
  let api: TestApi;
  let officer: string;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Nghe Thử', level: 'province' });
    const commune = await createUnit(api.db, { name: 'Xã Nghe Thử', level: 'commune', parent: province });
    officer = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: commune }));
    supervisor = await bearer(api.http, await createUser(api.db, { role: 'supervisor', unit: province }));
    admin = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: province }));
  });
  afterAll(() => api.close());

  const preview = (auth: string | null, body: object) => {
    const req = api.http.post('/api/v1/speech/preview').send(body).buffer(true).parse(binary);
    return auth ? req.set('authorization', auth) : req;
  };

  it('speaks Vietnamese text as a playable 16-bit PCM WAV of a plausible length, in each accent', async () => {
    const text = 'Kính thưa bà con, từ tháng này bà con có thể nộp hồ sơ đất đai trực tuyến.';
    const durations: number[] = [];
    for (const [auth, voice] of [[officer, 'north'], [supervisor, 'south']] as const) {
      const res = await preview(auth, { text, voice });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('audio/wav');
      const wav = res.body as Buffer;
      expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
      expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
      expect(wav.readUInt16LE(20)).toBe(1); // PCM
      expect(wav.readUInt16LE(34)).toBe(16);
      expect(Number(res.headers['content-length'])).toBe(wav.length);
      durations.push(wavDurationMs(wav));
    }
    // About fifteen words at 150 a minute: several seconds, not a click and not a minute.
    for (const ms of durations) expect(ms).toBeGreaterThan(2_000);
    for (const ms of durations) expect(ms).toBeLessThan(30_000);
  });

  it('answers 400 naming the field for empty, blank, too long text and an unknown voice', async () => {
    const cases: [object, string, string][] = [
      [{}, 'text', 'isNotEmpty'],
      [{ text: '' }, 'text', 'isNotEmpty'],
      [{ text: '   \n ' }, 'text', 'isNotEmpty'],
      [{ text: 'a'.repeat(2_001) }, 'text', 'maxLength'],
      [{ text: 'Xin chào', voice: 'east' }, 'voice', 'isIn'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await api.http.post('/api/v1/speech/preview').set('authorization', officer).send(body);
      expect({ status: res.status, details: res.body.details }).toEqual({ status: 400, details: expect.arrayContaining([expect.objectContaining({ field, rule })]) });
      expect(res.body.message).toEqual(expect.any(String));
    }
  });

  it('refuses anonymous callers (401) and admins (403, in Vietnamese)', async () => {
    expect((await api.http.post('/api/v1/speech/preview').send({ text: 'Xin chào' })).status).toBe(401);
    const res = await api.http.post('/api/v1/speech/preview').set('authorization', admin).send({ text: 'Xin chào' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Chỉ cán bộ hoặc lãnh đạo phụ trách mới được soạn tin bài');
  });
});
