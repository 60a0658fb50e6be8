import { CAP_MIME_TYPE, CAP_NAMESPACE } from '#emergencies/cap/index.js';
import { readXml, type XmlElement } from '#emergencies/cap/xml-reader.js';

const ATOM = 'http://www.w3.org/2005/Atom';

export interface CapFeedIndexEntry {
  /** The CAP document's absolute URL. */
  url: string;
  /** "sender,identifier,sent" when the entry repeats them as cap: elements, so a known alert is not fetched again. */
  key: string | null;
}

const elements = (e: XmlElement, ns: string, local: string) => e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === ns && c.local === local);
const text = (e: XmlElement | undefined) => (e ? e.children.filter((c): c is string => typeof c === 'string').join('').trim() : '');

/**
 * The CAP documents an Atom feed lists: each entry's link with type application/cap+xml (else its
 * alternate link, else its id when that is a URL), resolved against the feed's URL. The strict reader
 * of the CAP codec reads the feed (no DTD, no entities).
 */
export function readCapFeedIndex(xml: string, feedUrl: string): CapFeedIndexEntry[] {
  const feed = readXml(xml);
  if (feed.ns !== ATOM || feed.local !== 'feed') throw new Error(`not an Atom feed (root ${feed.qname})`);
  const entries: CapFeedIndexEntry[] = [];
  for (const entry of elements(feed, ATOM, 'entry')) {
    const links = elements(entry, ATOM, 'link').map((l) => ({ rel: attr(l, 'rel') ?? 'alternate', type: attr(l, 'type'), href: attr(l, 'href') }));
    const href = links.find((l) => l.type === CAP_MIME_TYPE)?.href ?? links.find((l) => l.rel === 'alternate')?.href ?? text(elements(entry, ATOM, 'id')[0]);
    let url: string;
    try {
      url = new URL(href ?? '', feedUrl).toString();
    } catch {
      continue;
    }
    if (!/^https?:/.test(url)) continue;
    const cap = (local: string) => text(elements(entry, CAP_NAMESPACE, local)[0]);
    const [sender, identifier, sent] = [cap('sender'), cap('identifier'), cap('sent')];
    entries.push({ url, key: sender && identifier && sent ? `${sender},${identifier},${sent}` : null });
  }
  return entries;
}

function attr(e: XmlElement, local: string): string | undefined {
  return e.attributes.find((a) => a.ns === null && a.local === local)?.value;
}
