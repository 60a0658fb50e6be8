import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createApprovedMessage } from '../../libs/testing/src/engine-fixtures.js';
import { createUnit, createUser, type TestUnit, type TestUser } from '../../libs/testing/src/fixtures.js';
import { startTestApi, type TestApi } from '../../libs/testing/src/test-api.js';

type Xml = Record<string, any>;
const LISTS = ['rss.channel.item', 'rss.channel.item.category', 'feed.link', 'feed.entry', 'feed.entry.link', 'feed.entry.category'];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name, jpath) => LISTS.includes(String(jpath)) });
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The public web feed: RSS 2.0 and Atom per unit (and subtree) with exactly the published messages
 * (an occurrence of a live broadcast has run), and the public message page.
 */
describe('unit feeds and the public message page', () => {
  let api: TestApi;
  let province: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let author: TestUser;
  let approver: TestUser;
  const ids: Record<string, string> = {};

  /** A broadcast of the message whose one occurrence is in the given state (written directly: the engine is tested elsewhere). */
  async function broadcastOf(messageId: string, unit: TestUnit, broadcast: string, occurrence: string, dueAt: Date): Promise<void> {
    const [{ id }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone,
                              sms_without_diacritics, sms_max_parts, priority)
       VALUES ($1, $2, 1, $3, $4, '{sms}', $5, $6, 'Asia/Ho_Chi_Minh', false, 3, 'normal') RETURNING id`,
      [unit.id, messageId, author.id, broadcast, JSON.stringify({ unitIds: [unit.id], villageIds: [], tags: [] }), JSON.stringify({ kind: 'once', at: dueAt.toISOString() })],
    );
    await api.db.query(`INSERT INTO occurrence (broadcast_id, due_at, status, message_version) VALUES ($1, $2, $3, $4)`, [
      id,
      dueAt,
      occurrence,
      occurrence === 'pending' || occurrence === 'cancelled' ? null : 1,
    ]);
  }

  beforeAll(async () => {
    api = await startTestApi({ publicBaseUrl: 'https://tin.example.vn' });
    province = await createUnit(api.db, { name: 'Tỉnh Phú Thọ', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Hạ Hòa', level: 'commune', parent: province });
    communeB = await createUnit(api.db, { name: 'Xã Đoan Hùng', level: 'commune', parent: province });
    author = await createUser(api.db, { role: 'officer', unit: province });
    approver = await createUser(api.db, { role: 'supervisor', unit: province });
    const message = (unit: TestUnit, title: string) => createApprovedMessage(api.db, { unit, author, approver, sms: `Nội dung: ${title} <&>`, title });
    ids.aRan = await message(communeA, 'Giờ làm việc bộ phận một cửa');
    ids.aPlanned = await message(communeA, 'Dịch vụ công trực tuyến mức độ 4');
    ids.aApprovedOnly = await message(communeA, 'Chỉ mới được duyệt');
    ids.aCancelled = await message(communeA, 'Lượt phát đã hủy');
    ids.aPending = await message(communeA, 'Chưa đến giờ phát');
    ids.bRan = await message(communeB, 'Kết quả chỉ số SIPAS');
    ids.provinceRan = await message(province, 'Tin của tỉnh');
    await broadcastOf(ids.aRan, communeA, 'completed', 'completed', new Date('2026-03-01T01:00:00Z'));
    await broadcastOf(ids.aPlanned, communeA, 'running', 'planned', new Date('2026-03-02T01:00:00Z'));
    await broadcastOf(ids.aCancelled, communeA, 'cancelled', 'cancelled', new Date('2026-03-03T01:00:00Z'));
    await broadcastOf(ids.aPending, communeA, 'scheduled', 'pending', new Date(Date.now() + 86_400_000));
    await broadcastOf(ids.bRan, communeB, 'completed', 'completed', new Date('2026-03-04T01:00:00Z'));
    await broadcastOf(ids.provinceRan, province, 'completed', 'completed', new Date('2026-03-05T01:00:00Z'));
  });
  afterAll(() => api?.close());

  async function rss(unit: TestUnit, subtree = false): Promise<Xml> {
    const res = await api.http.get(`/feeds/units/${unit.id}/rss.xml${subtree ? '?subtree=1' : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    return parser.parse(res.text);
  }

  async function atom(unit: TestUnit, subtree = false): Promise<Xml> {
    const res = await api.http.get(`/feeds/units/${unit.id}/atom.xml${subtree ? '?subtree=1' : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(res.text)).toBe(true);
    return parser.parse(res.text);
  }

  it("RSS 2.0 of a unit lists exactly its published messages, newest first, without sign-in", async () => {
    const doc = await rss(communeA);
    expect(doc.rss['@version']).toBe('2.0');
    const channel = doc.rss.channel;
    for (const field of ['title', 'link', 'description']) expect(channel[field]).toBeTruthy();
    expect(channel.title).toContain('Xã Hạ Hòa');
    expect(channel.language).toBe('vi');
    expect(new Date(channel.lastBuildDate).toISOString()).toBe('2026-03-02T01:00:00.000Z');
    const items = asList(channel.item);
    expect(items.map((i: Xml) => i.link)).toEqual([
      `https://tin.example.vn/public/messages/${ids.aPlanned}`,
      `https://tin.example.vn/public/messages/${ids.aRan}`,
    ]);
    const first = items[1];
    expect(first.title).toBe('Giờ làm việc bộ phận một cửa');
    expect(first.description).toBe('Nội dung: Giờ làm việc bộ phận một cửa <&>');
    expect(first.guid['@isPermaLink']).toBe('true');
    expect(new Date(first.pubDate).toISOString()).toBe('2026-03-01T01:00:00.000Z');
    expect(first.category).toEqual(['Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính']);
  });

  it('the subtree feed adds the messages of every unit below, and only those', async () => {
    const own = asList((await rss(province)).rss.channel.item).map((i: Xml) => i.link);
    expect(own).toEqual([`https://tin.example.vn/public/messages/${ids.provinceRan}`]);
    const subtree = asList((await rss(province, true)).rss.channel.item).map((i: Xml) => i.link.split('/').pop());
    expect(subtree).toEqual([ids.provinceRan, ids.bRan, ids.aPlanned, ids.aRan]);
    const communeOnly = asList((await rss(communeB, true)).rss.channel.item).map((i: Xml) => i.link.split('/').pop());
    expect(communeOnly).toEqual([ids.bRan]);
  });

  it('Atom carries the same entries with ids, dates, links and the content group', async () => {
    const feed = (await atom(province, true)).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`urn:uuid:${province.id}?subtree=1`);
    expect(new Date(feed.updated).toISOString()).toBe('2026-03-05T01:00:00.000Z');
    expect(asList(feed.link).map((l: Xml) => l['@rel'])).toEqual(['self', 'alternate']);
    const entries = asList(feed.entry);
    expect(entries.map((e: Xml) => e.id)).toEqual([ids.provinceRan, ids.bRan, ids.aPlanned, ids.aRan].map((id) => `urn:uuid:${id}`));
    for (const e of entries) {
      expect(e.title['#text']).toBeTruthy();
      expect(new Date(e.updated).getTime()).not.toBeNaN();
      expect(e.link[0]['@href']).toMatch(/^https:\/\/tin\.example\.vn\/public\/messages\//);
      expect(e.category[0]['@term']).toBe('one-stop-shop');
      expect(e.author.name).toBeTruthy();
    }
    const own = (await atom(communeB)).feed;
    expect(asList(own.entry).map((e: Xml) => e.id)).toEqual([`urn:uuid:${ids.bRan}`]);
  });

  it('Last-Modified is the newest change; a unit with nothing published gets a valid, empty feed without it', async () => {
    const feed = await api.http.get(`/feeds/units/${communeA.id}/atom.xml`);
    expect(feed.headers['last-modified']).toBe(new Date('2026-03-02T01:00:00Z').toUTCString());
    const page = await api.http.get(`/public/messages/${ids.aRan}`);
    expect(page.headers['last-modified']).toBe(new Date('2026-03-01T01:00:00Z').toUTCString());

    const quiet = await createUnit(api.db, { name: 'Xã Chưa Có Tin', level: 'commune', parent: province });
    const res = await api.http.get(`/feeds/units/${quiet.id}/rss.xml`);
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(asList(parser.parse(res.text).rss.channel.item)).toEqual([]);
    expect(res.headers['last-modified']).toBeUndefined();
  });

  it('answers 404 for an unknown unit and 400 for a malformed id or option', async () => {
    expect((await api.http.get('/feeds/units/00000000-0000-4000-8000-000000000000/rss.xml')).status).toBe(404);
    expect((await api.http.get('/feeds/units/not-a-uuid/atom.xml')).status).toBe(400);
    expect((await api.http.get(`/feeds/units/${communeA.id}/rss.xml?subtree=yes`)).status).toBe(400);
  });

  it('the public page of a published message is phone-friendly HTML with group, unit and date', async () => {
    const res = await api.http.get(`/public/messages/${ids.aRan}?m=tc0123456789ab`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public/);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<html lang="vi">');
    expect(res.text).toContain('<h1>Giờ làm việc bộ phận một cửa</h1>');
    expect(res.text).toContain('Nội dung: Giờ làm việc bộ phận một cửa &lt;&amp;&gt;');
    expect(res.text).toContain('Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính');
    expect(res.text).toContain('Xã Hạ Hòa');
    expect(res.text).toContain('01/03/2026');
  });

  it('never shows a message that is not published', async () => {
    for (const id of [ids.aApprovedOnly, ids.aCancelled, ids.aPending, '00000000-0000-4000-8000-000000000000']) {
      expect((await api.http.get(`/public/messages/${id}`)).status).toBe(404);
    }
  });
});
