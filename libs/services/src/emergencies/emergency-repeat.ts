import { InvalidInputError, LIMITS, wallTimeOf, type WallTime } from '#domain/index.js';
import type { BroadcastSchedule } from '#persistence/index.js';
import { shortenToLength, shortenToParts, type EmergencyRenditions } from './emergency-renditions.js';

/** How an emergency repeats until withdrawn: every `everyMinutes` (whole hours), until `until` at the latest. */
export interface EmergencyRepeat {
  everyMinutes: number;
  /** ISO instant; default (and latest): REPEAT_MAX_DAYS after it first goes out. */
  until?: string | null;
}

export const REPEAT_MIN_MINUTES = 60;
export const REPEAT_MAX_MINUTES = 1440;
/** A repeating emergency stops on its own after a week unless it is withdrawn earlier. */
export const REPEAT_MAX_DAYS = 7;

/** The problems with a repeat as asked, naming `repeat.*`; `firstAt` is when it first goes out. */
export function repeatProblems(repeat: EmergencyRepeat, firstAt: Date): InvalidInputError | null {
  const problems = [];
  const every = repeat.everyMinutes;
  if (!Number.isInteger(every) || every < REPEAT_MIN_MINUTES || every > REPEAT_MAX_MINUTES || every % 60 !== 0) {
    problems.push({ field: 'repeat.everyMinutes', rule: 'range', message: `Chu kỳ lặp phải là số giờ tròn, từ ${REPEAT_MIN_MINUTES} đến ${REPEAT_MAX_MINUTES} phút (ví dụ 120)` });
  }
  if (repeat.until != null) {
    const until = Date.parse(repeat.until);
    if (Number.isNaN(until)) problems.push({ field: 'repeat.until', rule: 'date', message: 'Thời điểm dừng lặp không hợp lệ' });
    else if (until <= firstAt.getTime() + every * 60_000) problems.push({ field: 'repeat.until', rule: 'after-first', message: 'Thời điểm dừng lặp phải sau lần lặp đầu tiên' });
    else if (until > firstAt.getTime() + REPEAT_MAX_DAYS * 86_400_000) {
      problems.push({ field: 'repeat.until', rule: 'max', message: `Tin khẩn cấp lặp lại tối đa ${REPEAT_MAX_DAYS} ngày` });
    }
  }
  return problems.length ? new InvalidInputError(problems) : null;
}

/** The broadcast schedule: once now, or every N hours from now (local wall clock) until the end. */
export function emergencySchedule(repeat: EmergencyRepeat | null, firstAt: Date, timeZone: string): BroadcastSchedule {
  if (!repeat) return { kind: 'once', at: firstAt.toISOString() };
  const until = repeat.until ? new Date(repeat.until) : new Date(firstAt.getTime() + REPEAT_MAX_DAYS * 86_400_000);
  const w = wallTimeOf(firstAt, timeZone);
  return {
    kind: 'recurring',
    rrule: `FREQ=HOURLY;INTERVAL=${repeat.everyMinutes / 60}`,
    startsAt: `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`,
    until: until.toISOString(),
  };
}

/** "14:05 ngày 03/12/2026" in the zone. */
export function issuedAtText(at: Date, timeZone: string): string {
  const w = wallTimeOf(at, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)} ngày ${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

function spokenTime(w: WallTime): string {
  return `${w.hour} giờ ${w.minute} phút ngày ${w.day} tháng ${w.month} năm ${w.year}`;
}

/**
 * A repeating emergency restates, in every rendition, when it was first issued: the instant is fixed
 * when it first goes out, so the same text is true for every repetition (and for the first). The SMS
 * keeps "KHẨN CẤP" first and the restatement before the text, so shortening never cuts it off.
 */
export function withFirstIssue(r: EmergencyRenditions, firstAt: Date, timeZone: string, smsMaxParts: number): EmergencyRenditions {
  const stamp = `Tin phát lần đầu lúc ${issuedAtText(firstAt, timeZone)}`;
  const sms = r.sms.startsWith('KHẨN CẤP - ') ? r.sms.replace(/^KHẨN CẤP - /, `KHẨN CẤP (${stamp}) - `) : `(${stamp}) ${r.sms}`;
  return {
    sms: shortenToParts(sms, smsMaxParts),
    loudspeaker: `${r.loudspeaker} Tin phát lần đầu lúc ${spokenTime(wallTimeOf(firstAt, timeZone))}.`.slice(0, LIMITS.loudspeakerScriptMax),
    social: `${r.social}\n\n${stamp}.`.slice(0, LIMITS.socialMax),
    board: { title: r.board.title, body: `${shortenToLength(r.board.body, LIMITS.boardBodyMax - stamp.length - 2)}\n${stamp}.` },
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
