import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { VersionContent } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { JOBS, JobQueue, jobPriority } from '#queue/index.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';
import { audioFailureReason, BadAudioError } from './loudspeaker-audio-rules.js';
import { StationAudioRepository, type StationAudio } from './repositories/station-audio.repository.js';
import { UnitSpeechSettingRepository, type SpeechSetting } from './repositories/unit-speech-setting.repository.js';
import { measureAudioDurationMs } from './tts/audio-duration.js';
import { TTS_ENGINE, type TtsEngine } from './tts/tts-engine.js';
import { deploymentVoice } from './tts/tts-engines.js';

export interface PrepareOptions {
  /** The job's last attempt: an infrastructure error is then recorded as the failure instead of thrown. */
  finalAttempt?: boolean;
}

/**
 * The audio a loudspeaker plays for a message version: its first uploaded audio attachment, else
 * speech rendered from the loudspeaker script in the voice and speed of the message's unit. Either
 * is prepared once on the worker (rendered, or its duration measured) and cached by its key;
 * scheduling waits until it is ready.
 */
@Injectable()
export class LoudspeakerAudioService {
  private readonly logger = new Logger(LoudspeakerAudioService.name);

  constructor(
    private readonly audio: StationAudioRepository,
    private readonly attachments: AttachmentRepository,
    private readonly speechSettings: UnitSpeechSettingRepository,
    private readonly jobs: JobQueue,
    @Inject(TTS_ENGINE) private readonly tts: TtsEngine,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The version's audio, asking the worker to prepare it when it is not ready (a failed render is
   * tried again). Null when the version has neither audio nor a loudspeaker script.
   */
  async ensureFor(version: VersionContent, messageId: string): Promise<StationAudio | null> {
    const row = await this.rowFor(version, messageId);
    if (!row) return null;
    if (row.status === 'failed') {
      this.logger.warn({ audioId: row.id, error: row.error }, 'loudspeaker audio failed before; preparing again');
      await this.audio.retryFailed(row.id);
    }
    // An emergency's speech overtakes the renders already waiting.
    if (row.status !== 'ready') await this.jobs.add(JOBS.prepareLoudspeakerAudio, { payload: { audioId: row.id }, priority: jobPriority(version.priority) });
    return row;
  }

  /** The voice and speed a message is read in: its unit's or the nearest ancestor's setting, else the deployment default. */
  private async speechSettingFor(messageId: string): Promise<SpeechSetting> {
    const inherited = await this.speechSettings.effectiveForMessage(messageId, this.tts.name);
    return inherited ? { voice: inherited.voice, speed: inherited.speed } : { voice: deploymentVoice(this.tts, this.config), speed: 0 };
  }

  private async rowFor(version: VersionContent, messageId: string): Promise<StationAudio | null> {
    const attachment = (await this.attachments.inOrder(version.attachmentIds)).find((a) => a.kind === 'audio');
    if (attachment) {
      return this.audio.findOrCreate(
        { cacheKey: `upload-${attachment.id}`, source: 'upload', attachmentId: attachment.id, storageKey: attachment.storageKey, contentType: attachment.contentType },
      );
    }
    const script = version.renditions.loudspeaker?.normalize('NFC').trim();
    if (!script) return null;
    const { voice, speed } = await this.speechSettingFor(messageId);
    // Engine, voice and speed are all in the key: changing any of them renders new audio, never serves the old.
    const cacheKey = createHash('sha256').update(`${this.tts.name}\n${voice}\n${speed}\n${script}`, 'utf8').digest('hex');
    return this.audio.findOrCreate({ cacheKey, source: 'tts', text: script, voice, speed });
  }

  /**
   * Worker side: renders or measures a pending row; does nothing to one already ready. Only a
   * PermanentError of the engine or a bad input marks the audio failed; an infrastructure error
   * (the engine's RetryableError, the file store, a timeout) is thrown so the job retries with
   * backoff, and recorded as the failure only on the job's last attempt.
   */
  async prepare(audioId: string, options: PrepareOptions = {}): Promise<StationAudio['status'] | 'missing'> {
    const row = await this.audio.findById(audioId);
    if (!row) return 'missing';
    if (row.status !== 'pending') return row.status;
    try {
      if (row.source === 'tts') await this.render(row);
      else await this.measure(row);
      return 'ready';
    } catch (error) {
      const reason = audioFailureReason(error);
      if (reason === null && !options.finalAttempt) {
        this.logger.warn({ audioId, error: (error as Error).message }, 'loudspeaker audio not prepared; the job retries');
        throw error;
      }
      await this.audio.markFailed(row.id, reason ?? (error as Error).message);
      this.logger.error({ audioId, error: (error as Error).message }, 'loudspeaker audio failed');
      return 'failed';
    }
  }

  private async render(row: StationAudio): Promise<void> {
    const speech = await this.tts.render({ text: row.text as string, voice: row.voice as string, speed: row.speed ?? 0 });
    if (speech.durationMs <= 0) throw new BadAudioError('the speech engine produced silence (0 ms)');
    const stored = await this.store.put(speech.mp3);
    await this.audio.markReady(row.id, { storageKey: stored.key, contentType: 'audio/mpeg', sizeBytes: stored.sizeBytes, durationMs: speech.durationMs });
  }

  private async measure(row: StationAudio): Promise<void> {
    const storageKey = row.storageKey as string;
    const contentType = row.contentType as string;
    const bytes = await buffer(await this.store.open(storageKey));
    let durationMs: number;
    try {
      durationMs = await measureAudioDurationMs(bytes, contentType);
    } catch (error) {
      throw new BadAudioError(`the uploaded audio cannot be decoded: ${(error as Error).message}`);
    }
    if (durationMs <= 0) throw new BadAudioError('the uploaded audio is empty (0 ms)');
    await this.audio.markReady(row.id, { storageKey, contentType, sizeBytes: bytes.length, durationMs });
  }
}
