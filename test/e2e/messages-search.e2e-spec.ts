import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { messagePayload } from './messages-test-kit.js';

/**
 * district (supervisor) ─┬─ commune A (officers A1, A2)
 *                        └─ commune B (officer B)
 */
describe('message list: search over title and body without diacritics, filters, sort, scope', () => {
  let api: TestApi;
  const auth: Record<'a1' | 'a2' | 'b' | 'supervisor', string> = {} as never;
  const ids: Record<'byBody' | 'byTitle' | 'urgent' | 'otherCommune' | 'edited', string> = {} as never;
  let communeA: TestUnit;
  let a1Id: string;

  const list = (who: keyof typeof auth, query: Record<string, string | number>) =>
    api.http.get('/api/v1/messages').query(query).set('authorization', auth[who]);
  const titlesOf = (body: { items: { version: { title: string } }[] }) => body.items.map((m) => m.version.title);

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Tìm Kiếm', level: 'province' });
    const district = await createUnit(api.db, { name: 'Huyện Tìm Kiếm', level: 'district', parent: province });
    communeA = await createUnit(api.db, { name: 'Xã Tìm A', level: 'commune', parent: district });
    const communeB = await createUnit(api.db, { name: 'Xã Tìm B', level: 'commune', parent: district });
    const a1 = await createUser(api.db, { role: 'officer', unit: communeA });
    a1Id = a1.id;
    const people = {
      a1,
      a2: await createUser(api.db, { role: 'officer', unit: communeA }),
      b: await createUser(api.db, { role: 'officer', unit: communeB }),
      supervisor: await createUser(api.db, { role: 'supervisor', unit: district }),
    };
    for (const [key, user] of Object.entries(people)) auth[key as keyof typeof auth] = await bearer(api.http, user);

    const create = async (who: keyof typeof auth, payload: Record<string, unknown>) => {
      const res = await api.http.post('/api/v1/messages').set('authorization', auth[who]).send(messagePayload(payload));
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    ids.byBody = (await create('a1', { title: 'Thông báo lịch tiếp dân', body: 'Bà con có thể NỘP HỒ SƠ trực tuyến\nqua Cổng dịch vụ công.' })).id;
    ids.byTitle = (await create('a2', { title: 'Hướng dẫn nộp hồ sơ đất đai', body: 'Chi tiết xem tại bộ phận một cửa.' })).id;
    ids.urgent = (await create('a1', { title: 'Cảnh báo bão số 3', body: 'Người dân chằng chống nhà cửa.', priority: 'emergency' })).id;
    ids.otherCommune = (await create('b', { title: 'Tin của xã B', body: 'Hướng dẫn nộp hồ sơ cấp đổi căn cước.' })).id;
    const edited = await create('a1', { title: 'Bản tin tuần', body: 'Nộp hồ sơ khởi nghiệp trước ngày 15.' });
    ids.edited = edited.id;
    const put = await api.http
      .put(`/api/v1/messages/${edited.id}`)
      .set('authorization', auth.a1)
      .send(messagePayload({ title: 'Bản tin tuần', body: 'Lịch tiêm chủng mở rộng tháng này.', baseVersion: 1 }));
    expect(put.status).toBe(200);
    expect((await api.http.post(`/api/v1/messages/${ids.byTitle}/submit`).set('authorization', auth.a2).send({ version: 1 })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('finds "nop ho so" in the body and in the title of the current version, and nothing of another commune', async () => {
    const res = await list('a1', { q: 'nop ho so', sort: 'title' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({ id: ids.byTitle, unitName: expect.stringContaining('Xã Tìm A'), status: 'submitted' }),
        expect.objectContaining({ id: ids.byBody, authorName: expect.any(String), unitId: communeA.id }),
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    });
    // The older version of "Bản tin tuần" mentioned it; the current one does not.
    expect(res.body.items.map((m: { id: string }) => m.id)).not.toContain(ids.edited);
    expect(titlesOf((await list('a1', { q: 'tiem chung' })).body)).toEqual(['Bản tin tuần']);
  });

  it('matches across a line break and any case, and treats % literally', async () => {
    expect(titlesOf((await list('a1', { q: 'TRUC TUYEN qua cong' })).body)).toEqual(['Thông báo lịch tiếp dân']);
    expect((await list('a1', { q: '%' })).body.total).toBe(0);
  });

  it('lets the district supervisor search both communes, and only them', async () => {
    const res = await list('supervisor', { q: 'nộp hồ sơ', sort: 'createdAt' });
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([ids.byBody, ids.byTitle, ids.otherCommune]);
    expect((await list('b', { q: 'nop ho so' })).body.items.map((m: { id: string }) => m.id)).toEqual([ids.otherCommune]);
  });

  it('filters by priority, author, status and unit, and sorts by priority and status', async () => {
    expect((await list('supervisor', { priority: 'emergency' })).body.items.map((m: { id: string }) => m.id)).toEqual([ids.urgent]);
    const mine = await list('supervisor', { authorId: a1Id, sort: 'title' });
    expect(titlesOf(mine.body)).toEqual(['Bản tin tuần', 'Cảnh báo bão số 3', 'Thông báo lịch tiếp dân']);
    expect(titlesOf((await list('supervisor', { status: 'submitted' })).body)).toEqual(['Hướng dẫn nộp hồ sơ đất đai']);
    expect((await list('supervisor', { unitId: communeA.id })).body.total).toBe(4);
    expect((await list('supervisor', { sort: '-priority', pageSize: 1 })).body.items[0].id).toBe(ids.urgent);
    const byStatus = await list('supervisor', { sort: '-status', pageSize: 1 });
    expect(byStatus.body.items[0]).toEqual(expect.objectContaining({ id: ids.byTitle, status: 'submitted' }));
  });

  it('answers the total past the last page, and refuses an unknown sort naming the field', async () => {
    expect((await list('supervisor', { page: 9, pageSize: 2 })).body).toEqual({ items: [], total: 5, page: 9, pageSize: 2 });
    const bad = await list('supervisor', { sort: 'body' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'sort' })]);
  });
});
