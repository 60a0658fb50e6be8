import { PermanentError, RetryableError } from '#domain/index.js';
import { FakeFptTtsServer } from '#fakes/fake-fpt-tts.server.js';
import { FptAiTtsEngine } from './fpt-ai.adapter.js';
import type { FptAiConfig } from './fpt-ai.config.js';

const SCRIPT = 'Kính thưa bà con, từ tháng này bà con có thể nộp hồ sơ đất đai trực tuyến.';

describe('FptAiTtsEngine against the fake FPT.AI', () => {
  let fake: FakeFptTtsServer;
  const config = (over: Partial<FptAiConfig> = {}): FptAiConfig => ({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    timeoutMs: 2_000,
    audioDeadlineMs: 5_000,
    pollIntervalMs: 10,
    ...over,
  });

  beforeAll(async () => {
    fake = await new FakeFptTtsServer({ notReadyPolls: 2 }).start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.problems.length = 0;
  });

  it('sends the documented request, polls the link until the MP3 exists and measures it', async () => {
    const speech = await new FptAiTtsEngine(config()).render({ text: SCRIPT, voice: 'lannhi', speed: -2 });
    expect(fake.requests).toEqual([expect.objectContaining({ apiKey: fake.apiKey, voice: 'lannhi', speed: '-2', format: 'mp3', text: SCRIPT })]);
    expect(fake.problems).toEqual([]);
    expect(fake.polls.get(fake.requests[0].id)).toBe(3);
    expect(speech.mp3.subarray(0, 3).toString('latin1')).toMatch(/^(ID3|\xff)/);
    expect(speech.durationMs).toBeGreaterThan(1_000);
  });

  it('reads a script longer than 5,000 characters in pieces cut between sentences, and joins their audio', async () => {
    const sentence = 'Bà con chú ý phòng chống dịch bệnh cho đàn gia súc trong mùa mưa bão. ';
    const long = sentence.repeat(Math.ceil(7_000 / sentence.length)).trim();
    const engine = new FptAiTtsEngine(config());
    const one = await engine.render({ text: SCRIPT, voice: 'banmai', speed: 0 });
    fake.requests.length = 0;
    const speech = await engine.render({ text: long, voice: 'banmai', speed: 0 });
    expect(fake.requests).toHaveLength(2);
    for (const r of fake.requests) {
      expect(r.text.length).toBeLessThanOrEqual(5_000);
      expect(r.text.endsWith('.')).toBe(true);
    }
    expect(fake.requests.map((r) => r.text).join(' ')).toBe(long);
    expect(Math.abs(speech.durationMs - 2 * one.durationMs)).toBeLessThan(200);
  });

  it('throws RetryableError when FPT.AI does not answer in time', async () => {
    fake.enqueue('hang');
    const error = await new FptAiTtsEngine(config({ timeoutMs: 300 })).render({ text: SCRIPT, voice: 'banmai', speed: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).providerCode).toBe('timeout');
  });

  it('throws RetryableError with the wait FPT.AI asks for when it throttles, and on its server errors', async () => {
    fake.enqueue('throttle', 'server-error');
    const engine = new FptAiTtsEngine(config());
    const throttled = await engine.render({ text: SCRIPT, voice: 'banmai', speed: 0 }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RetryableError);
    expect(throttled).toMatchObject({ providerCode: 'http-429', retryAfterMs: 1000 });
    const failed = await engine.render({ text: SCRIPT, voice: 'banmai', speed: 0 }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ kind: 'retryable', providerCode: 'http-500' });
  });

  it('throws PermanentError (unauthorized) when the key is refused', async () => {
    const error = await new FptAiTtsEngine(config({ apiKey: 'wrong-key-123' })).render({ text: SCRIPT, voice: 'banmai', speed: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: 'http-401', reason: 'unauthorized' });
  });

  it('gives up polling at the deadline with a RetryableError', async () => {
    const slow = await new FakeFptTtsServer({ apiKey: fake.apiKey, notReadyPolls: 1_000 }).start();
    try {
      const engine = new FptAiTtsEngine({ ...config(), baseUrl: slow.url, audioDeadlineMs: 1_000, pollIntervalMs: 50 });
      const error = await engine.render({ text: SCRIPT, voice: 'banmai', speed: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'retryable', providerCode: 'audio-not-ready' });
      expect(slow.polls.get(slow.requests[0].id)).toBeGreaterThan(3);
    } finally {
      await slow.close();
    }
  });

  it('refuses an unknown voice, a speed off the scale and a too short text without calling FPT.AI', async () => {
    const engine = new FptAiTtsEngine(config());
    await expect(engine.render({ text: SCRIPT, voice: 'vi', speed: 0 })).rejects.toMatchObject({ kind: 'permanent', reason: 'bad-request' });
    await expect(engine.render({ text: SCRIPT, voice: 'banmai', speed: 4 })).rejects.toMatchObject({ kind: 'permanent', reason: 'bad-request' });
    await expect(engine.render({ text: 'Ừ', voice: 'banmai', speed: 0 })).rejects.toMatchObject({ kind: 'permanent', providerCode: 'text-too-short' });
    expect(fake.requests).toEqual([]);
  });
});
