import { formatLocalDateTime, nextAllowedInstant, type Priority, type QuietHours } from '#domain/index.js';
import type { PreviewWarning } from '#engine/channel-definition.js';
import { noRecipientsWarning, quietHoursWarning } from '#engine/broadcasts/preview-warnings.js';

export const SMS_NOBODY = 'Không có người nhận tin SMS nào (đang nhận tin) trong các đơn vị, thôn và nhóm đã chọn';

export interface SmsWarningFacts {
  priority: Priority;
  timeZone: string;
  occurrences: Date[];
  recipients: number;
  quietHours: QuietHours | null;
  /** Recipients already at the daily SMS cap on the first occurrence's day, with the cap and when they get it. */
  capped: { count: number; cap: number; nextDay: Date } | null;
}

/** What an officer is told before confirming SMS: nobody to send to, waiting for quiet hours to end, the daily cap. */
export function smsWarnings(f: SmsWarningFacts): PreviewWarning[] {
  const out = [
    ...noRecipientsWarning('sms', f.recipients, SMS_NOBODY),
    ...quietHoursWarning(
      { channel: 'sms', priority: f.priority, quiet: f.quietHours, occurrences: f.occurrences, timeZone: f.timeZone },
      (first, at) => `tin nhắn SMS sẽ chờ đến ${at(nextAllowedInstant(first, f.quietHours!, f.timeZone))}`,
    ),
  ];
  if (f.priority !== 'emergency' && f.capped && f.capped.count > 0) {
    const { count, cap, nextDay } = f.capped;
    out.push({
      code: 'daily-cap',
      channel: 'sms',
      message: `${count} người nhận đã nhận đủ ${cap} tin SMS trong ngày: tin của họ sẽ gửi từ ${formatLocalDateTime(nextDay, f.timeZone)}.`,
    });
  }
  return out;
}
