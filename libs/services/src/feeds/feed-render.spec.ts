import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderAtom, renderRss, type FeedDocument } from './feed-render.js';

describe('feed rendering', () => {
  // A title pasted from a word processor: a control character XML 1.0 forbids, markup characters and quotes.
  const title = `Thông báo \u0001"khẩn" <họp> & 'dân'`;
  const doc: FeedDocument = {
    unit: { id: 'u1', name: 'Xã A', fullName: 'Xã A, Tỉnh B', path: 'b.a' },
    subtree: false,
    items: [
      {
        id: 'm1',
        versionNo: 1,
        title,
        body: 'Nội dung\u000Bcó ký tự lạ',
        contentGroup: 'one-stop-shop',
        unitId: 'u1',
        unitName: 'Xã A',
        publishedAt: new Date('2026-11-20T01:00:00Z'),
        updatedAt: new Date('2026-11-20T01:00:00Z'),
        images: [],
      },
    ],
    selfUrl: 'https://tin.example.vn/feeds/units/u1/rss.xml?a=1&b=2',
    siteUrl: 'https://tin.example.vn/',
    messageUrl: (id) => `https://tin.example.vn/public/messages/${id}`,
    imageUrl: (m, a) => `https://tin.example.vn/public/messages/${m}/images/${a}`,
  };

  it.each([
    ['RSS', renderRss(doc), (x: Record<string, any>) => x.rss.channel.item.title],
    ['Atom', renderAtom(doc), (x: Record<string, any>) => x.feed.entry.title['#text'] ?? x.feed.entry.title],
  ])('%s drops characters XML forbids and escapes the rest, so the text reads back exactly', (_format, xml, titleOf) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(xml);
    expect(String(titleOf(parsed))).toBe(`Thông báo "khẩn" <họp> & 'dân'`);
    expect(xml).not.toMatch(/[\u0001\u000B]/);
  });
});
