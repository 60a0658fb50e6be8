import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { measureAudioDurationMs } from './tts/audio-duration.js';
import { TTS_ENGINE, type TtsEngine, type TtsVoice } from './tts/tts-engine.js';
import type { VersionContent } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { StationAudioRepository, type StationAudio } from './repositories/station-audio.repository.js';
import { JOBS, JobQueue } from '#queue/index.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';

/**
 * The audio a loudspeaker plays for a message version: its first uploaded audio attachment, else
 * speech rendered from the loudspeaker script. Either is prepared once on the worker (rendered, or
 * its duration measured) and cached by its key; scheduling waits until it is ready.
 */
@Injectable()
export class LoudspeakerAudioService {
  private readonly logger = new Logger(LoudspeakerAudioService.name);

  constructor(
    private readonly audio: StationAudioRepository,
    private readonly attachments: AttachmentRepository,
    private readonly jobs: JobQueue,
    @Inject(TTS_ENGINE) private readonly tts: TtsEngine,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The version's audio, asking the worker to prepare it when it is not ready (a failed render is
   * tried again). Null when the version has neither audio nor a loudspeaker script.
   */
  async ensureFor(version: VersionContent): Promise<StationAudio | null> {
    const row = await this.rowFor(version);
    if (!row) return null;
    if (row.status === 'failed') {
      this.logger.warn({ audioId: row.id, error: row.error }, 'loudspeaker audio failed before; preparing again');
      await this.audio.retryFailed(row.id);
    }
    if (row.status !== 'ready') await this.jobs.add(JOBS.prepareLoudspeakerAudio, { payload: { audioId: row.id } });
    return row;
  }

  private async rowFor(version: VersionContent): Promise<StationAudio | null> {
    const attachment = (await this.attachments.inOrder(version.attachmentIds)).find((a) => a.kind === 'audio');
    if (attachment) {
      return this.audio.findOrCreate(
        { cacheKey: `upload-${attachment.id}`, source: 'upload', attachmentId: attachment.id, storageKey: attachment.storageKey, contentType: attachment.contentType },
      );
    }
    const script = version.renditions.loudspeaker?.normalize('NFC').trim();
    if (!script) return null;
    const voice = this.config.loudspeakerTtsVoice;
    const cacheKey = createHash('sha256').update(`${this.tts.name}\n${voice}\n${script}`, 'utf8').digest('hex');
    return this.audio.findOrCreate({ cacheKey, source: 'tts', text: script, voice });
  }

  /** Worker side: renders or measures a pending row; does nothing to one already ready. */
  async prepare(audioId: string): Promise<StationAudio['status'] | 'missing'> {
    const row = await this.audio.findById(audioId);
    if (!row) return 'missing';
    if (row.status !== 'pending') return row.status;
    try {
      if (row.source === 'tts') {
        const speech = await this.tts.render(row.text as string, row.voice as TtsVoice);
        if (speech.durationMs <= 0) throw new Error('the speech engine produced silence (0 ms)');
        const stored = await this.store.put(speech.mp3);
        await this.audio.markReady(row.id, { storageKey: stored.key, contentType: 'audio/mpeg', sizeBytes: stored.sizeBytes, durationMs: speech.durationMs });
      } else {
        const storageKey = row.storageKey as string;
        const contentType = row.contentType as string;
        const bytes = await buffer(await this.store.open(storageKey));
        const durationMs = await measureAudioDurationMs(bytes, contentType);
        if (durationMs <= 0) throw new Error('the uploaded audio is empty (0 ms)');
        await this.audio.markReady(row.id, { storageKey, contentType, sizeBytes: bytes.length, durationMs });
      }
      return 'ready';
    } catch (error) {
      // An engine or decoder failure does not heal by retrying the same input: recorded, and the
      // officer's next schedule attempt asks for it again.
      await this.audio.markFailed(row.id, (error as Error).message);
      this.logger.error({ audioId, error: (error as Error).message }, 'loudspeaker audio failed');
      return 'failed';
    }
  }
}
