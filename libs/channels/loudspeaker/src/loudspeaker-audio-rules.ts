import { PermanentError, type FieldProblem } from '#domain/index.js';
import type { StationAudio } from './repositories/station-audio.repository.js';

/**
 * A message goes to loudspeakers only once its audio exists. The first preview or schedule asks
 * the worker to prepare it (render the script, or measure an upload) and answers rule
 * 'audio-ready'; asking again a few seconds later succeeds.
 */
export function loudspeakerAudioProblems(audio: StationAudio | null, field: string): FieldProblem[] {
  if (!audio) {
    return [{ field, rule: 'rendition', message: 'Tin bài chưa có kịch bản đọc cho loa (renditions.loudspeaker) hoặc tệp âm thanh đính kèm' }];
  }
  if (audio.status === 'ready') return [];
  if (audio.status === 'failed') {
    return [{ field, rule: 'audio-ready', message: `Tạo âm thanh cho loa bị lỗi (${audio.error ?? 'không rõ'}); hệ thống đang thử lại, vui lòng thử lại sau ít phút` }];
  }
  return [{ field, rule: 'audio-ready', message: 'Âm thanh cho loa đang được tạo; vui lòng thử lại sau vài giây' }];
}

/** Audio that retrying cannot fix: silence, or an upload no decoder reads. */
export class BadAudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadAudioError';
  }
}

/**
 * Why preparing an audio failed for good, or null when the error is an infrastructure one (a
 * RetryableError of the engine, the file store, Postgres, a timeout) that a later attempt may not meet.
 */
export function audioFailureReason(error: unknown): string | null {
  if (error instanceof PermanentError) return `${error.providerCode}: ${error.message}`;
  if (error instanceof BadAudioError) return error.message;
  return null;
}
