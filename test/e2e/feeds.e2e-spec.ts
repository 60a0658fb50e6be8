import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { silentWav } from '#test/wav.js';
import { tinyPng } from './messages-test-kit.js';

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

  describe('images of the public page', () => {
    let unit: TestUnit;
    const files: Record<string, Buffer> = { first: tinyPng(3), second: tinyPng(5), other: tinyPng(7), draft: tinyPng(9), unpublished: tinyPng(11) };
    const image: Record<string, string> = {};
    const page: Record<string, string> = {};
    const imageUrl = (messageId: string, attachmentId: string) => `https://tin.example.vn/public/messages/${messageId}/images/${attachmentId}`;

    beforeAll(async () => {
      // A province of its own, so the feeds above keep exactly their items.
      unit = await createUnit(api.db, { name: 'Tỉnh Có Ảnh', level: 'province' });
      const officer = await createUser(api.db, { role: 'officer', unit });
      const auth = await bearer(api.http, officer);
      const upload = async (bytes: Buffer, name: string): Promise<string> => {
        const res = await api.http.post('/api/v1/attachments').set('authorization', auth).attach('file', bytes, name);
        if (res.status !== 201) throw new Error(`upload of ${name}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id;
      };
      for (const [key, bytes] of Object.entries(files)) image[key] = await upload(bytes, `${key}.png`);
      image.audio = await upload(silentWav(1), 'loa.wav');
      const message = (title: string, attachmentIds: string[]) =>
        createApprovedMessage(api.db, { unit, author, approver, title, sms: `Nội dung: ${title}`, attachmentIds });
      page.withImages = await message('Ảnh lễ ra mắt bộ phận một cửa', [image.audio, image.first, image.second]);
      page.other = await message('Tin có ảnh khác', [image.other]);
      page.unpublished = await message('Tin chưa phát có ảnh', [image.unpublished]);
      await broadcastOf(page.withImages, unit, 'completed', 'completed', new Date('2026-04-01T01:00:00Z'));
      await broadcastOf(page.other, unit, 'completed', 'completed', new Date('2026-04-02T01:00:00Z'));
      // A later version with another image that has not run: the page still shows version 1.
      await api.db.query(
        `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions, attachment_ids)
         SELECT message_id, 2, author_id, title, body, content_group, priority, renditions, $2 FROM message_version WHERE message_id = $1`,
        [page.withImages, [image.draft]],
      );
    });

    it("serves an image of the version the page shows, with its bytes and type, to anyone", async () => {
      for (const key of ['first', 'second']) {
        const res = await api.http.get(`/public/messages/${page.withImages}/images/${image[key]}`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['content-length']).toBe(String(files[key].length));
        expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(Buffer.isBuffer(res.body) && res.body.equals(files[key])).toBe(true);
      }
    });

    it("the page shows the version's images in its order below the body; the feeds enclose the first", async () => {
      const res = await api.http.get(`/public/messages/${page.withImages}`);
      const first = `<img loading="lazy" alt="Hình 1: Ảnh lễ ra mắt bộ phận một cửa" src="${imageUrl(page.withImages, image.first)}">`;
      const second = `<img loading="lazy" alt="Hình 2: Ảnh lễ ra mắt bộ phận một cửa" src="${imageUrl(page.withImages, image.second)}">`;
      expect(res.text).toContain(`${first}\n${second}`);
      expect(res.text.indexOf('<div class="body">')).toBeLessThan(res.text.indexOf(first));
      expect(res.text).toMatch(/\.images img\{[^}]*max-width:100%/);
      expect(res.text).toContain(`<meta property="og:image" content="${imageUrl(page.withImages, image.first)}">`);
      for (const absent of [image.audio, image.draft]) expect(res.text).not.toContain(absent);
      expect((await api.http.get(`/public/messages/${ids.aRan}`)).text).not.toContain('<img');

      const items = asList((await rss(unit)).rss.channel.item);
      expect(items.map((i: Xml) => i.enclosure)).toEqual([
        { '@url': imageUrl(page.other, image.other), '@length': String(files.other.length), '@type': 'image/png' },
        { '@url': imageUrl(page.withImages, image.first), '@length': String(files.first.length), '@type': 'image/png' },
      ]);
      const entry = asList((await atom(unit)).feed.entry).find((e: Xml) => e.id === `urn:uuid:${page.withImages}`);
      expect(asList(entry.link).find((l: Xml) => l['@rel'] === 'enclosure')).toEqual({
        '@rel': 'enclosure',
        '@href': imageUrl(page.withImages, image.first),
        '@length': String(files.first.length),
        '@type': 'image/png',
      });
      expect(asList((await rss(communeA)).rss.channel.item).every((i: Xml) => i.enclosure === undefined)).toBe(true);
    });

    it('answers 404 for an attachment that is not an image of the version shown, or of an unpublished message', async () => {
      const cases = [
        [page.withImages, image.audio],
        [page.withImages, image.other],
        [page.withImages, image.draft],
        [page.other, image.first],
        [page.unpublished, image.unpublished],
        [page.withImages, '00000000-0000-4000-8000-000000000000'],
      ];
      for (const [messageId, attachmentId] of cases) {
        expect((await api.http.get(`/public/messages/${messageId}/images/${attachmentId}`)).status).toBe(404);
      }
      expect((await api.http.get(`/public/messages/${page.withImages}/images/not-a-uuid`)).status).toBe(400);
    });
  });
});
