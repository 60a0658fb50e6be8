import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { PermanentError, RetryableError } from '#domain/index.js';
import type { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import type { JobQueue } from '#queue/index.js';
import type { FileStore } from '#services/attachments/file-store.js';
import { silentWav } from '#test/wav.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import type { StationAudio, StationAudioRepository } from './repositories/station-audio.repository.js';
import type { UnitSpeechSettingRepository } from './repositories/unit-speech-setting.repository.js';
import type { RenderedSpeech, TtsEngine, TtsRequest } from './tts/tts-engine.js';

const pendingTts: StationAudio = {
  id: 'a1', cacheKey: 'k', source: 'tts', text: 'Xin chào bà con', voice: 'banmai', speed: 1, attachmentId: null, status: 'pending',
  storageKey: null, contentType: null, sizeBytes: null, durationMs: null, error: null,
};
const pendingUpload: StationAudio = { ...pendingTts, id: 'a2', source: 'upload', text: null, voice: null, speed: null, storageKey: 's1', contentType: 'audio/wav' };

/** prepare() with the engine and the file store scripted; the repository records what it was told. */
function setup(row: StationAudio, render: (r: TtsRequest) => Promise<RenderedSpeech>, store: Partial<FileStore> = {}) {
  const marks: { ready: unknown[]; failed: [string, string][] } = { ready: [], failed: [] };
  const audio = {
    findById: async () => ({ ...row }),
    markReady: async (_id: string, file: unknown) => void marks.ready.push(file),
    markFailed: async (id: string, error: string) => void marks.failed.push([id, error]),
  } as unknown as StationAudioRepository;
  const engine: TtsEngine = { name: 'fake', voices: [], defaultVoice: 'banmai', render };
  const fileStore = { put: async (b: Buffer) => ({ key: 'stored', sizeBytes: b.length }), open: async () => Readable.from([silentWav(2)]), ...store } as unknown as FileStore;
  const service = new LoudspeakerAudioService(
    audio, {} as AttachmentRepository, {} as UnitSpeechSettingRepository, {} as JobQueue, engine, fileStore, {} as AppConfig,
  );
  return { service, marks };
}

describe('LoudspeakerAudioService.prepare: throw to retry, classify to stop', () => {
  // The failures below are expected; their log lines would only hide real ones.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('renders in the voice and speed the row was made for, and marks it ready', async () => {
    const asked: TtsRequest[] = [];
    const { service, marks } = setup(pendingTts, async (r) => (asked.push(r), { mp3: Buffer.from('mp3'), durationMs: 1500 }));
    await expect(service.prepare('a1')).resolves.toBe('ready');
    expect(asked).toEqual([{ text: 'Xin chào bà con', voice: 'banmai', speed: 1 }]);
    expect(marks.ready).toEqual([{ storageKey: 'stored', contentType: 'audio/mpeg', sizeBytes: 3, durationMs: 1500 }]);
  });

  it("throws the engine's RetryableError (a timeout) so the job retries, leaving the audio pending", async () => {
    const { service, marks } = setup(pendingTts, async () => {
      throw new RetryableError('timeout', 'FPT.AI did not answer within 15000 ms');
    });
    await expect(service.prepare('a1')).rejects.toBeInstanceOf(RetryableError);
    expect(marks.failed).toEqual([]);
  });

  it('throws a file-store error so the job retries', async () => {
    const { service, marks } = setup(pendingTts, async () => ({ mp3: Buffer.from('mp3'), durationMs: 1500 }), {
      put: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    await expect(service.prepare('a1')).rejects.toThrow('ENOSPC');
    expect(marks.failed).toEqual([]);
    const upload = setup(pendingUpload, async () => ({ mp3: Buffer.alloc(0), durationMs: 0 }), {
      open: async () => {
        throw new Error('EIO: i/o error, open');
      },
    });
    await expect(upload.service.prepare('a2')).rejects.toThrow('EIO');
    expect(upload.marks.failed).toEqual([]);
  });

  it('records an infrastructure error as the failure on the last attempt instead of throwing', async () => {
    const { service, marks } = setup(pendingTts, async () => {
      throw new RetryableError('http-503', 'FPT.AI answered HTTP 503');
    });
    await expect(service.prepare('a1', { finalAttempt: true })).resolves.toBe('failed');
    expect(marks.failed).toEqual([['a1', 'FPT.AI answered HTTP 503']]);
  });

  it('marks the audio failed for good, with the reason, on a PermanentError or a bad input', async () => {
    const refused = setup(pendingTts, async () => {
      throw new PermanentError('http-401', 'FPT.AI answered HTTP 401', 'unauthorized');
    });
    await expect(refused.service.prepare('a1')).resolves.toBe('failed');
    expect(refused.marks.failed).toEqual([['a1', 'http-401: FPT.AI answered HTTP 401']]);

    const silent = setup(pendingTts, async () => ({ mp3: Buffer.from('mp3'), durationMs: 0 }));
    await expect(silent.service.prepare('a1')).resolves.toBe('failed');
    expect(silent.marks.failed).toEqual([['a1', 'the speech engine produced silence (0 ms)']]);

    const garbage = setup({ ...pendingUpload, contentType: 'audio/mpeg' }, async () => ({ mp3: Buffer.alloc(0), durationMs: 0 }), {
      open: async () => Readable.from([Buffer.from('not an mp3 at all')]),
    });
    await expect(garbage.service.prepare('a2')).resolves.toBe('failed');
    expect(garbage.marks.failed).toEqual([['a2', expect.stringMatching(/^the uploaded audio (cannot be decoded|is empty)/)]]);
  });
});
