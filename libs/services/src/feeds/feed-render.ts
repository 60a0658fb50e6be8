import { CONTENT_GROUPS, escapeHtml } from '#domain/index.js';
import type { FeedUnit, PublishedMessage } from '#persistence/index.js';

export interface FeedDocument {
  unit: FeedUnit;
  subtree: boolean;
  items: PublishedMessage[];
  /** Absolute URLs. */
  selfUrl: string;
  siteUrl: string;
  messageUrl: (id: string) => string;
  imageUrl: (messageId: string, attachmentId: string) => string;
}

/** XML text: the characters XML 1.0 forbids outright are dropped, the rest escaped as for HTML (`&#39;` is valid XML too). */
const escapeXml = (s: string) => escapeHtml(s.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));

export function contentGroupLabel(code: string): string {
  return CONTENT_GROUPS.find((g) => g.code === code)?.label ?? code;
}

function feedTitle(doc: FeedDocument): string {
  return `Tin cải cách hành chính — ${doc.unit.fullName}${doc.subtree ? ' và các đơn vị trực thuộc' : ''}`;
}

function feedDescription(doc: FeedDocument): string {
  return `Tin tuyên truyền cải cách hành chính do ${doc.unit.fullName}${doc.subtree ? ' và các đơn vị trực thuộc' : ''} phát hành`;
}

/** The feed's last change: its newest item, or a fixed instant for an empty feed (stable for caches). */
export function feedUpdated(items: PublishedMessage[]): Date {
  return items.reduce((max, i) => (i.updatedAt > max ? i.updatedAt : max), new Date(0));
}

/** The message's first image as an enclosure's attributes (url or href, length, type), or null. */
function enclosure(doc: FeedDocument, m: PublishedMessage, urlAttribute: 'url' | 'href'): string | null {
  const image = m.images[0];
  if (!image) return null;
  return `${urlAttribute}="${escapeXml(doc.imageUrl(m.id, image.id))}" length="${image.sizeBytes}" type="${escapeXml(image.contentType)}"`;
}

export function renderRss(doc: FeedDocument): string {
  const items = doc.items
    .map((m) => {
      const link = escapeXml(doc.messageUrl(m.id));
      const image = enclosure(doc, m, 'url');
      return (
        `<item><title>${escapeXml(m.title)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid>` +
        `<pubDate>${m.publishedAt.toUTCString()}</pubDate><category>${escapeXml(contentGroupLabel(m.contentGroup))}</category>` +
        `<source url="${escapeXml(doc.selfUrl)}">${escapeXml(m.unitName)}</source>` +
        (image ? `<enclosure ${image}/>` : '') +
        `<description>${escapeXml(m.body)}</description></item>`
      );
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n` +
    `<title>${escapeXml(feedTitle(doc))}</title><link>${escapeXml(doc.siteUrl)}</link>` +
    `<description>${escapeXml(feedDescription(doc))}</description><language>vi</language>` +
    `<lastBuildDate>${feedUpdated(doc.items).toUTCString()}</lastBuildDate><ttl>15</ttl>` +
    `<atom:link href="${escapeXml(doc.selfUrl)}" rel="self" type="application/rss+xml"/>\n${items}\n</channel>\n</rss>\n`
  );
}

export function renderAtom(doc: FeedDocument): string {
  const entries = doc.items
    .map((m) => {
      const link = escapeXml(doc.messageUrl(m.id));
      const image = enclosure(doc, m, 'href');
      return (
        `<entry><title type="text">${escapeXml(m.title)}</title><id>urn:uuid:${m.id}</id>` +
        `<updated>${m.updatedAt.toISOString()}</updated><published>${m.publishedAt.toISOString()}</published>` +
        `<link rel="alternate" type="text/html" href="${link}"/>` +
        (image ? `<link rel="enclosure" ${image}/>` : '') +
        `<category term="${escapeXml(m.contentGroup)}" label="${escapeXml(contentGroupLabel(m.contentGroup))}"/>` +
        `<author><name>${escapeXml(m.unitName)}</name></author><summary type="text">${escapeXml(m.body)}</summary></entry>`
      );
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">\n` +
    `<title type="text">${escapeXml(feedTitle(doc))}</title><subtitle>${escapeXml(feedDescription(doc))}</subtitle>` +
    `<id>urn:uuid:${doc.unit.id}${doc.subtree ? '?subtree=1' : ''}</id><updated>${feedUpdated(doc.items).toISOString()}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(doc.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(doc.siteUrl)}"/>` +
    `<author><name>${escapeXml(doc.unit.fullName)}</name></author>\n${entries}\n</feed>\n`
  );
}
