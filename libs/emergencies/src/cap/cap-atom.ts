import { capDateTimeToDate } from './cap-time.js';
import { escapeXml } from './cap-xml-writer.js';
import { CAP_MIME_TYPE, CAP_NAMESPACE, type CapAlert } from './cap.model.js';

export interface CapFeedEntry {
  alert: CapAlert;
  /** Absolute URL of the alert's CAP document. */
  url: string;
}

export interface CapFeed {
  /** A permanent IRI for the feed, e.g. its canonical URL. */
  id: string;
  title: string;
  /** Absolute URL of this feed. */
  selfUrl: string;
  authorName: string;
  entries: CapFeedEntry[];
}

export const ATOM_MIME_TYPE = 'application/atom+xml';
const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00Z';

const el = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`);
const attr = (value: string) => escapeXml(value, true);

/**
 * An Atom (RFC 4287) index of CAP alerts, newest first: each entry links to the alert's CAP document
 * (rel="alternate", type="application/cap+xml") and repeats its key fields as cap: elements, as the
 * OASIS CAP feeds note and national feeds do, so a reader can filter without fetching every alert.
 */
export function toCapAtomFeed(feed: CapFeed): string {
  const entries = [...feed.entries].sort((a, b) => capDateTimeToDate(b.alert.sent).getTime() - capDateTimeToDate(a.alert.sent).getTime());
  const updated = entries[0]?.alert.sent ?? EMPTY_FEED_UPDATED;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="${CAP_NAMESPACE}" xml:lang="vi">\n` +
    `${el('id', feed.id)}${el('title', feed.title)}${el('updated', updated)}` +
    `<link rel="self" type="${ATOM_MIME_TYPE}" href="${attr(feed.selfUrl)}"/><author>${el('name', feed.authorName)}</author>\n` +
    entries.map(entry).join('') +
    '</feed>\n'
  );
}

function entry({ alert, url }: CapFeedEntry): string {
  const info = alert.infos[0];
  const title = info?.headline ?? info?.event ?? `${alert.msgType} ${alert.identifier}`;
  const areas = info?.areas ?? [];
  const geocodes = areas.flatMap((a) => a.geocodes);
  return (
    `<entry>${el('id', url)}${el('title', title)}${el('updated', alert.sent)}${el('published', alert.sent)}` +
    `<author>${el('name', info?.senderName ?? alert.sender)}</author>` +
    `<link rel="alternate" type="${CAP_MIME_TYPE}" href="${attr(url)}"/>` +
    (info?.categories ?? []).map((c) => `<category term="${attr(c)}"/>`).join('') +
    el('summary', info?.description ?? info?.headline ?? title) +
    el('cap:identifier', alert.identifier) +
    el('cap:sender', alert.sender) +
    el('cap:sent', alert.sent) +
    el('cap:status', alert.status) +
    el('cap:msgType', alert.msgType) +
    el('cap:scope', alert.scope) +
    (info
      ? el('cap:event', info.event) +
        el('cap:urgency', info.urgency) +
        el('cap:severity', info.severity) +
        el('cap:certainty', info.certainty) +
        el('cap:effective', info.effective) +
        el('cap:expires', info.expires) +
        el('cap:areaDesc', areas.length > 0 ? areas.map((a) => a.areaDesc).join('; ') : undefined) +
        geocodes.map((g) => `<cap:geocode>${el('cap:valueName', g.valueName)}${el('cap:value', g.value)}</cap:geocode>`).join('')
      : '') +
    '</entry>\n'
  );
}
