import { formatLocalDateTime, isInQuietHours, type Priority, type QuietHours } from '#domain/index.js';
import { PREVIEW_WARNING_CODES, type PreviewWarning, type PreviewWarningCode } from '../channel-definition.js';

export { PREVIEW_WARNING_CODES };

/** The order warnings are read in: who gets nothing first, then what waits, then what changes form. */
const READING_ORDER: readonly PreviewWarningCode[] = ['no-recipients', 'quiet-hours', 'daily-cap', 'no-programme-slot', 'no-rendition'];

/** Every channel's warnings in reading order, channels in the order the officer picked them. */
export function sortWarnings(warnings: PreviewWarning[], channels: readonly string[]): PreviewWarning[] {
  const rank = (w: PreviewWarning) => READING_ORDER.indexOf(w.code) * 100 + channels.indexOf(w.channel);
  return [...warnings].sort((a, b) => rank(a) - rank(b));
}

/** "Nobody on this channel": the channel's own sentence when it reaches no one. */
export function noRecipientsWarning(channel: string, recipients: number, sentence: string): PreviewWarning[] {
  return recipients === 0 ? [{ code: 'no-recipients', channel, message: `${sentence}.` }] : [];
}

/**
 * Occurrences that fall in a channel's quiet hours (none for an emergency, which goes at once): how
 * many, when the first is, and the channel's own words for what happens then (`then` gets the
 * wall-clock formatter and the first such occurrence).
 */
export function quietHoursWarning(
  facts: { channel: string; priority: Priority; quiet: QuietHours | null; occurrences: Date[]; timeZone: string },
  then: (first: Date, at: (d: Date) => string) => string,
): PreviewWarning[] {
  const { quiet } = facts;
  if (facts.priority === 'emergency' || !quiet) return [];
  const at = (d: Date) => formatLocalDateTime(d, facts.timeZone);
  const inQuiet = facts.occurrences.filter((d) => isInQuietHours(d, quiet, facts.timeZone));
  if (inQuiet.length === 0) return [];
  const first = inQuiet[0];
  const when = inQuiet.length === 1 ? `Lần phát lúc ${at(first)}` : `${inQuiet.length} lần phát (lần đầu lúc ${at(first)})`;
  return [{ code: 'quiet-hours', channel: facts.channel, message: `${when} rơi vào giờ yên lặng ${quiet.start}–${quiet.end}: ${then(first, at)}.` }];
}
