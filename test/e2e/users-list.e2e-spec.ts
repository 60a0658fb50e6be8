import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/** The users screen: filters, sort and paging done by the server. */
describe('listing users with filters and sort', () => {
  let api: TestApi;
  let communeA: TestUnit;
  let adminAuth: string;
  const users: Record<string, TestUser> = {};

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Danh Sách', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Ánh Dương', level: 'commune', parent: province });
    const communeB = await createUnit(api.db, { name: 'Xã Bắc Sơn', level: 'commune', parent: province });
    const admin = await createUser(api.db, { role: 'admin', unit: province, username: 'quantri.tinh' });
    for (const [username, role, unit] of [
      ['canbo.an', 'officer', communeA],
      ['lanhdao.binh', 'supervisor', communeB],
      ['canbo.cuong', 'officer', communeB],
      ['canbo.dung', 'officer', communeA],
    ] as const) {
      users[username] = await createUser(api.db, { role, unit, username });
    }
    const names: Record<string, string> = {
      'quantri.tinh': 'Phạm Quản Trị',
      'canbo.an': 'Đỗ Thị An',
      'lanhdao.binh': 'Bùi Văn Bình',
      'canbo.cuong': 'Ân Văn Cường',
      'canbo.dung': 'Zương Dũng',
    };
    for (const [username, name] of Object.entries(names)) {
      await api.db.query(`UPDATE app_user SET display_name = $2 WHERE username = $1`, [username, name]);
    }
    // Created one after the other, oldest first in this order.
    for (const [i, username] of ['quantri.tinh', 'canbo.an', 'lanhdao.binh', 'canbo.cuong', 'canbo.dung'].entries()) {
      await api.db.query(`UPDATE app_user SET created_at = timestamptz '2026-01-01 00:00+07' + make_interval(days => $2) WHERE username = $1`, [
        username,
        i,
      ]);
    }
    await api.db.query(`UPDATE app_user SET disabled_at = now() WHERE username = 'canbo.cuong'`);
    adminAuth = await bearer(api.http, admin);
  });
  afterAll(() => api.close());

  const list = (query: Record<string, string | number | boolean>) => api.http.get('/api/v1/users').query(query).set('authorization', adminAuth);
  const usernames = (res: { body: { items: { username: string }[] } }) => res.body.items.map((u) => u.username);

  it('lists active accounts by display name in Vietnamese order by default', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(usernames(res)).toEqual(['lanhdao.binh', 'canbo.an', 'quantri.tinh', 'canbo.dung']);
    expect(res.body).toEqual(expect.objectContaining({ total: 4, page: 1, pageSize: 20 }));
  });

  it('filters on disabled: true gives only disabled accounts, false only active ones', async () => {
    const disabled = await list({ disabled: true });
    expect(usernames(disabled)).toEqual(['canbo.cuong']);
    expect(disabled.body.items[0]).toEqual(expect.objectContaining({ disabled: true, disabledAt: expect.any(String) }));
    expect(usernames(await list({ disabled: false, sort: 'username' }))).toEqual(['canbo.an', 'canbo.dung', 'lanhdao.binh', 'quantri.tinh']);
    expect((await list({ includeDisabled: true })).body.total).toBe(5);
  });

  it('sorts on the server by creation, role, unit and username, both ways', async () => {
    expect(usernames(await list({ includeDisabled: true, sort: '-createdAt' }))).toEqual([
      'canbo.dung',
      'canbo.cuong',
      'lanhdao.binh',
      'canbo.an',
      'quantri.tinh',
    ]);
    expect(usernames(await list({ sort: '-role' }))).toEqual(['quantri.tinh', 'lanhdao.binh', 'canbo.an', 'canbo.dung']);
    expect(usernames(await list({ sort: 'unitName' }))).toEqual(['quantri.tinh', 'canbo.an', 'canbo.dung', 'lanhdao.binh']);
    expect(usernames(await list({ sort: '-username', pageSize: 2, page: 2 }))).toEqual(['canbo.dung', 'canbo.an']);
  });

  it('combines filters with the search text and the unit subtree', async () => {
    const res = await list({ q: 'thi an', role: 'officer', unitId: communeA.id });
    expect(usernames(res)).toEqual(['canbo.an']);
    expect(res.body.total).toBe(1);
  });

  it('refuses an unknown sort field or a bad boolean, naming the parameter', async () => {
    const res = await list({ sort: 'passwordHash', disabled: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual(['disabled:isBoolean', 'sort:isIn']);
  });
});
