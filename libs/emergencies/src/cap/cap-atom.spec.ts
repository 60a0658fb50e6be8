import { validateWithSchema, stormAlert } from '#test/cap-samples.js';
import { toCapAtomFeed, type CapAlert } from './index.js';
import { readXml, type XmlElement } from './xml-reader.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const kids = (el: XmlElement, local: string) => el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === local);
const textOf = (el: XmlElement | undefined) => el?.children.join('');

describe('Atom feed of CAP alerts', () => {
  const first = stormAlert();
  const later: CapAlert = stormAlert({ identifier: 'tincoso-22-2026-0002', sent: '2026-09-06T03:00:00-00:00', msgType: 'Update', references: [{ sender: first.sender, identifier: first.identifier, sent: first.sent }] });
  const feed = toCapAtomFeed({
    id: 'https://tin.example.vn/public/units/u1/cap.atom',
    title: 'Cảnh báo khẩn cấp — Tỉnh Quảng Ninh',
    selfUrl: 'https://tin.example.vn/public/units/u1/cap.atom?subtree=1&x=<y>',
    authorName: 'Tỉnh Quảng Ninh',
    entries: [
      { alert: first, url: 'https://tin.example.vn/public/emergencies/1.cap' },
      { alert: later, url: 'https://tin.example.vn/public/emergencies/2.cap' },
    ],
  });

  it('lists the newest alert first, each linking to its CAP document, with the feed updated at the newest sent', () => {
    const root = readXml(feed);
    expect(root).toMatchObject({ ns: ATOM, local: 'feed' });
    expect(kids(root, 'link')[0].attributes.find((a) => a.local === 'href')?.value).toBe('https://tin.example.vn/public/units/u1/cap.atom?subtree=1&x=<y>');
    expect(textOf(kids(root, 'updated')[0])).toBe('2026-09-06T03:00:00-00:00');
    const entries = kids(root, 'entry');
    expect(entries.map((e) => textOf(kids(e, 'id')[0]))).toEqual(['https://tin.example.vn/public/emergencies/2.cap', 'https://tin.example.vn/public/emergencies/1.cap']);
    const link = kids(entries[0], 'link')[0];
    expect(Object.fromEntries(link.attributes.map((a) => [a.local, a.value]))).toEqual({ rel: 'alternate', type: 'application/cap+xml', href: 'https://tin.example.vn/public/emergencies/2.cap' });
    expect(textOf(kids(entries[0], 'title')[0])).toBe('Cảnh báo bão số 3 & mưa lớn <khẩn>');
  });

  it('repeats the key CAP fields as cap: elements in the CAP namespace', () => {
    const entry = kids(readXml(feed), 'entry')[1];
    const cap = entry.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === 'urn:oasis:names:tc:emergency:cap:1.2');
    const byName = Object.fromEntries(cap.filter((c) => c.local !== 'geocode').map((c) => [c.local, textOf(c)]));
    expect(byName).toMatchObject({ identifier: first.identifier, msgType: 'Alert', severity: 'Severe', expires: '2026-09-07T19:00:00+07:00', areaDesc: 'Phường Hà Tu; Phường Cao Xanh' });
    expect(cap.filter((c) => c.local === 'geocode').map((g) => (g.children.filter((c) => typeof c !== 'string') as XmlElement[]).map(textOf))).toEqual([
      ['VN-DVHC-2025', '06652'],
      ['VN-DVHC-2025', '06658'],
    ]);
  });

  it('writes an empty feed with a fixed updated time', () => {
    const root = readXml(toCapAtomFeed({ id: 'urn:x', title: 't', selfUrl: 'https://x/', authorName: 'a', entries: [] }));
    expect(textOf(kids(root, 'updated')[0])).toBe('1970-01-01T00:00:00Z');
    expect(kids(root, 'entry')).toEqual([]);
  });

  it('is well-formed for xmllint too', () => {
    // Not a CAP document, so the schema check must fail on the root element only, not on syntax.
    const [failure] = validateWithSchema([feed]);
    expect(failure).toMatch(/No matching global declaration available for the validation root/);
  });
});
