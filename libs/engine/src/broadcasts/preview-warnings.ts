import {
  formatLocalDateTime,
  isInQuietHours,
  nextAllowedInstant,
  type Priority,
  type QuietHours,
} from '#domain/index.js';

export const PREVIEW_WARNING_CODES = ['quiet-hours', 'daily-cap', 'no-programme-slot', 'no-recipients', 'no-rendition'] as const;
export type PreviewWarningCode = (typeof PREVIEW_WARNING_CODES)[number];

export interface PreviewWarning {
  code: PreviewWarningCode;
  channel: string;
  message: string;
}

export const CHANNEL_LABELS: Record<string, string> = {
  sms: 'Tin nhắn SMS',
  loudspeaker: 'Loa truyền thanh',
  board: 'Bảng tin điện tử',
  zalo: 'Zalo OA',
  facebook: 'Facebook',
};

const NOBODY: Record<string, string> = {
  sms: 'Không có người nhận tin SMS nào (đang nhận tin) trong các đơn vị, thôn và nhóm đã chọn',
  loudspeaker: 'Không có cụm loa nào trong các đơn vị, thôn đã chọn',
  board: 'Không có bảng tin điện tử nào trong các đơn vị, thôn đã chọn',
};

/** The facts a preview gathers; the rules below only word them. */
export interface WarningFacts {
  channels: string[];
  priority: Priority;
  timeZone: string;
  occurrences: Date[];
  recipients: Record<string, number>;
  quietHours: Partial<Record<'sms' | 'loudspeaker', QuietHours | null>>;
  /** Recipients already at the daily SMS cap on the first occurrence's day, with the cap and when they get it. */
  capped: { count: number; cap: number; nextDay: Date } | null;
  stationsWithoutSlots: number;
  hasSocialRendition: boolean;
}

/** Warnings before "Xác nhận", in Vietnamese: what will wait, what will not go out, and why. */
export function previewWarnings(f: WarningFacts): PreviewWarning[] {
  const out: PreviewWarning[] = [];
  const at = (d: Date) => formatLocalDateTime(d, f.timeZone);
  for (const channel of f.channels) {
    if (f.recipients[channel] === 0 && NOBODY[channel]) out.push({ code: 'no-recipients', channel, message: `${NOBODY[channel]}.` });
  }
  if (f.priority !== 'emergency') {
    for (const channel of ['sms', 'loudspeaker'] as const) {
      const quiet = f.quietHours[channel];
      if (!quiet || !f.channels.includes(channel)) continue;
      const inQuiet = f.occurrences.filter((d) => isInQuietHours(d, quiet, f.timeZone));
      if (inQuiet.length === 0) continue;
      const first = inQuiet[0];
      const when = inQuiet.length === 1 ? `Lần phát lúc ${at(first)}` : `${inQuiet.length} lần phát (lần đầu lúc ${at(first)})`;
      const window = `giờ yên lặng ${quiet.start}–${quiet.end}`;
      const message =
        channel === 'sms'
          ? `${when} rơi vào ${window}: tin nhắn SMS sẽ chờ đến ${at(nextAllowedInstant(first, quiet, f.timeZone))}.`
          : `${when} rơi vào ${window}: loa không phát trong giờ này, bản tin vào khung giờ phát đầu tiên từ ${at(nextAllowedInstant(first, quiet, f.timeZone))}.`;
      out.push({ code: 'quiet-hours', channel, message });
    }
    if (f.capped && f.capped.count > 0 && f.channels.includes('sms')) {
      out.push({
        code: 'daily-cap',
        channel: 'sms',
        message: `${f.capped.count} người nhận đã nhận đủ ${f.capped.cap} tin SMS trong ngày: tin của họ sẽ gửi từ ${at(f.capped.nextDay)}.`,
      });
    }
    if (f.stationsWithoutSlots > 0 && f.channels.includes('loudspeaker')) {
      out.push({
        code: 'no-programme-slot',
        channel: 'loudspeaker',
        message: `${f.stationsWithoutSlots} cụm loa chưa có khung giờ phát: bản tin sẽ không phát ở đó cho đến khi có khung giờ.`,
      });
    }
  }
  for (const channel of ['zalo', 'facebook']) {
    if (f.channels.includes(channel) && !f.hasSocialRendition) {
      out.push({
        code: 'no-rendition',
        channel,
        message: `Tin bài chưa có nội dung riêng cho mạng xã hội: bài đăng ${CHANNEL_LABELS[channel]} sẽ dùng tiêu đề và nội dung chính.`,
      });
    }
  }
  return out;
}
