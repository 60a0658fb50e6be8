import { ForbiddenActionError, InvalidInputError, type Actor, type FieldProblem } from '#domain/index.js';
import { hasVoice, isTtsSpeed, TTS_SPEED_MAX, TTS_SPEED_MIN, type TtsEngine } from '../tts/tts-engine.js';

/** A unit's loudspeaker voice is chosen by those who answer for the unit: its supervisors and administrators. */
export function assertCanSetSpeech(actor: Actor): void {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new ForbiddenActionError('speech.setting-role', 'Chỉ lãnh đạo phụ trách hoặc quản trị viên mới được chọn giọng đọc cho loa của đơn vị');
  }
}

/** The voice must be one of the active engine's and the speed a whole step of -3..+3. */
export function assertValidSpeechSetting(engine: Pick<TtsEngine, 'name' | 'voices'>, setting: { voice: string; speed: number }): void {
  const problems: FieldProblem[] = [];
  if (!hasVoice(engine, setting.voice)) {
    problems.push({ field: 'voice', rule: 'voice', message: `Giọng đọc không có trong bộ máy đọc ${engine.name}: chọn một trong ${engine.voices.map((v) => v.id).join(', ')}` });
  }
  if (!isTtsSpeed(setting.speed)) {
    problems.push({ field: 'speed', rule: 'range', message: `Tốc độ đọc phải là số nguyên từ ${TTS_SPEED_MIN} đến ${TTS_SPEED_MAX}` });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}
