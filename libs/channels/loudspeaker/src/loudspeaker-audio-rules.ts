import type { FieldProblem } from '#domain/index.js';
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
