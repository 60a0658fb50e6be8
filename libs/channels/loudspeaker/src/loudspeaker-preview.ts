import { nextAllowedInstant, type Priority, type QuietHours } from '#domain/index.js';
import type { PreviewWarning } from '#engine/channel-definition.js';
import { noRecipientsWarning, quietHoursWarning } from '#engine/broadcasts/preview-warnings.js';

export const LOUDSPEAKER_NOBODY = 'Không có cụm loa nào trong các đơn vị, thôn đã chọn';

export interface LoudspeakerWarningFacts {
  priority: Priority;
  timeZone: string;
  occurrences: Date[];
  stations: number;
  quietHours: QuietHours | null;
  stationsWithoutSlots: number;
}

/** What an officer is told before confirming a loudspeaker bulletin: no stations, quiet hours, stations without a programme slot. */
export function loudspeakerWarnings(f: LoudspeakerWarningFacts): PreviewWarning[] {
  const out = [
    ...noRecipientsWarning('loudspeaker', f.stations, LOUDSPEAKER_NOBODY),
    ...quietHoursWarning(
      { channel: 'loudspeaker', priority: f.priority, quiet: f.quietHours, occurrences: f.occurrences, timeZone: f.timeZone },
      (first, at) => `loa không phát trong giờ này, bản tin vào khung giờ phát đầu tiên từ ${at(nextAllowedInstant(first, f.quietHours!, f.timeZone))}`,
    ),
  ];
  if (f.priority !== 'emergency' && f.stationsWithoutSlots > 0) {
    out.push({
      code: 'no-programme-slot',
      channel: 'loudspeaker',
      message: `${f.stationsWithoutSlots} cụm loa chưa có khung giờ phát: bản tin sẽ không phát ở đó cho đến khi có khung giờ.`,
    });
  }
  return out;
}
