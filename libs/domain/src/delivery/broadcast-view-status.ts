import { formatLocalDateTime } from '../schedule/local-format.js';

/**
 * The status an officer sees. The engine stores scheduled → running → completed | partially-failed
 * | failed (decided when the last occurrence finishes) or cancelled; `held` is read from the
 * occurrences: a live broadcast with an occurrence waiting for its message to be approved again.
 */
export const BROADCAST_VIEW_STATUSES = ['scheduled', 'running', 'held', 'completed', 'partially-failed', 'failed', 'cancelled'] as const;
export type BroadcastViewStatus = (typeof BROADCAST_VIEW_STATUSES)[number];

export type StoredBroadcastStatus = Exclude<BroadcastViewStatus, 'held'>;

export interface BroadcastStatusFacts {
  stored: StoredBroadcastStatus;
  /** The earliest held occurrence, when one is held. */
  held: { dueAt: Date; note: string | null } | null;
  /** SMS deliveries waiting past their time, by cause, and when the first of them may go. */
  deferred: { quietHours: number; dailyCap: number; retrying: number; until: Date } | null;
  timeZone: string;
}

export function broadcastViewStatus(f: Pick<BroadcastStatusFacts, 'stored' | 'held'>): BroadcastViewStatus {
  return f.held && (f.stored === 'scheduled' || f.stored === 'running') ? 'held' : f.stored;
}

/** A Vietnamese sentence saying why a broadcast waits or how it ended badly; null when there is nothing to explain. */
export function broadcastStatusNote(f: BroadcastStatusFacts): string | null {
  const status = broadcastViewStatus(f);
  if (status === 'held' && f.held) {
    const why = f.held.note ?? 'tin bài có phiên bản mới đang chờ duyệt';
    return `Lần phát lúc ${formatLocalDateTime(f.held.dueAt, f.timeZone)} đang tạm giữ: ${why}. Lượt phát tiếp tục khi tin bài được duyệt lại.`;
  }
  if (status === 'partially-failed') return 'Đã phát xong nhưng một số tin không đến được người nhận; xem lý do trong danh sách gửi.';
  if (status === 'failed') return 'Đã phát xong nhưng không tin nào đến được người nhận; xem lý do trong danh sách gửi.';
  if (status !== 'running' || !f.deferred) return null;
  const at = formatLocalDateTime(f.deferred.until, f.timeZone);
  const parts: string[] = [];
  if (f.deferred.dailyCap > 0) parts.push(`${f.deferred.dailyCap} tin nhắn SMS chờ sang ngày hôm sau vì người nhận đã đủ số tin tối đa trong ngày`);
  if (f.deferred.quietHours > 0) parts.push(`${f.deferred.quietHours} tin nhắn SMS chờ hết giờ yên lặng`);
  if (f.deferred.retrying > 0) parts.push(`${f.deferred.retrying} tin nhắn SMS chờ gửi lại sau lỗi tạm thời`);
  if (parts.length === 0) return null;
  return `${parts.join('; ')}. Tin sớm nhất sẽ gửi lúc ${at}.`;
}
