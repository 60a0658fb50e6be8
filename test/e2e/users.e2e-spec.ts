import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/**
 * Province P ─┬─ district D1 ─┬─ commune A
 *             │               └─ commune B
 *             └─ district D2 ─── commune C
 */
describe('user administration over HTTP', () => {
  let api: TestApi;
  let d1: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let communeC: TestUnit;
  let districtAdmin: TestUser;
  let communeAdminA: TestUser;
  let supervisorD1: TestUser;
  let officerA: TestUser;
  let officerB: TestUser;
  let officerC: TestUser;
  const auth: Record<string, string> = {};

  const userCount = async () => (await api.db.query(`SELECT count(*)::int AS n FROM app_user`))[0].n as number;
  const auditOf = (entityId: string) =>
    api.db.query(`SELECT action, actor_id, unit_id, data FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`, [entityId]);

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Thử Nghiệm', level: 'province' });
    d1 = await createUnit(api.db, { name: 'Huyện Một', level: 'district', parent: province });
    const d2 = await createUnit(api.db, { name: 'Huyện Hai', level: 'district', parent: province });
    communeA = await createUnit(api.db, { name: 'Xã Tân Lập', level: 'commune', parent: d1 });
    communeB = await createUnit(api.db, { name: 'Xã Bình Minh', level: 'commune', parent: d1 });
    communeC = await createUnit(api.db, { name: 'Xã Cao Sơn', level: 'commune', parent: d2 });
    districtAdmin = await createUser(api.db, { role: 'admin', unit: d1, username: 'admin.huyen1' });
    communeAdminA = await createUser(api.db, { role: 'admin', unit: communeA, username: 'admin.tanlap' });
    supervisorD1 = await createUser(api.db, { role: 'supervisor', unit: d1, username: 'lanhdao.huyen1' });
    officerA = await createUser(api.db, { role: 'officer', unit: communeA, username: 'canbo.a' });
    officerB = await createUser(api.db, { role: 'officer', unit: communeB, username: 'canbo.b' });
    officerC = await createUser(api.db, { role: 'officer', unit: communeC, username: 'canbo.c' });
    for (const user of [districtAdmin, communeAdminA, supervisorD1, officerA]) auth[user.username] = await bearer(api.http, user);
  });
  afterAll(() => api.close());

  const as = (user: TestUser) => auth[user.username];

  describe('creating users', () => {
    it('lets a district admin create an officer in a commune of the district, who can then log in', async () => {
      const res = await api.http
        .post('/api/v1/users')
        .set('authorization', as(districtAdmin))
        .send({ username: 'CanBo.TanLap', displayName: ' Nguyễn Thị Lan ', password: 'mot-mat-khau-dai', role: 'officer', unitId: communeA.id });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          username: 'canbo.tanlap',
          displayName: 'Nguyễn Thị Lan',
          role: 'officer',
          unitId: communeA.id,
          unitName: 'Xã Tân Lập',
          disabled: false,
          disabledAt: null,
        }),
      );
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password|mot-mat-khau-dai|unitPath/i);

      const [row] = await api.db.query(`SELECT username, password_hash, created_by FROM app_user WHERE id = $1`, [res.body.id]);
      expect(row.username).toBe('canbo.tanlap');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.created_by).toBe(districtAdmin.id);

      const audit = await auditOf(res.body.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'create',
          actor_id: districtAdmin.id,
          unit_id: communeA.id,
          data: { username: 'canbo.tanlap', displayName: 'Nguyễn Thị Lan', role: 'officer', unitId: communeA.id },
        }),
      ]);

      const login = await api.http.post('/api/v1/auth/login').send({ username: 'canbo.tanlap', password: 'mot-mat-khau-dai' });
      expect(login.status).toBe(200);
      const me = await api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${login.body.accessToken}`);
      expect(me.body).toEqual(expect.objectContaining({ username: 'canbo.tanlap', role: 'officer', unitId: communeA.id }));
    });

    it('refuses officers and supervisors (403) and writes nothing', async () => {
      const before = await userCount();
      for (const caller of [officerA, supervisorD1]) {
        const res = await api.http
          .post('/api/v1/users')
          .set('authorization', as(caller))
          .send({ username: 'khong.duoc', displayName: 'Không Được', password: 'mot-mat-khau-dai', role: 'officer', unitId: communeA.id });
        expect(res.status).toBe(403);
        expect(res.body).toEqual(expect.objectContaining({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('quản trị') }));
      }
      expect(await userCount()).toBe(before);
    });

    it('answers 404 to a commune admin creating a user in another commune, as if it did not exist', async () => {
      const before = await userCount();
      const res = await api.http
        .post('/api/v1/users')
        .set('authorization', as(communeAdminA))
        .send({ username: 'canbo.b2', displayName: 'Cán bộ B2', password: 'mot-mat-khau-dai', role: 'officer', unitId: communeB.id });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Không tìm thấy đơn vị hành chính');
      const unknown = await api.http
        .post('/api/v1/users')
        .set('authorization', as(communeAdminA))
        .send({ username: 'canbo.b2', displayName: 'Cán bộ B2', password: 'mot-mat-khau-dai', role: 'officer', unitId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe(res.body.message);
      expect(await userCount()).toBe(before);
    });

    it('answers 409 naming the username when it is taken, whatever its case', async () => {
      const before = await userCount();
      const res = await api.http
        .post('/api/v1/users')
        .set('authorization', as(districtAdmin))
        .send({ username: 'CANBO.A', displayName: 'Trùng tên', password: 'mot-mat-khau-dai', role: 'officer', unitId: communeB.id });
      expect(res.status).toBe(409);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'username', rule: 'unique' })]);
      expect(await userCount()).toBe(before);
    });

    const valid = () => ({ username: 'canbo.moi', displayName: 'Cán bộ mới', password: 'mot-mat-khau-dai', role: 'officer', unitId: communeA.id });
    const badPayloads: [string, (body: Record<string, unknown>) => void, string, string][] = [
      ['a missing username', (b) => delete b.username, 'username', 'isString'],
      ['a missing password', (b) => delete b.password, 'password', 'isString'],
      ['an unknown field', (b) => (b.isAdmin = true), 'isAdmin', 'unknown-field'],
      ['a role outside the enum', (b) => (b.role = 'superadmin'), 'role', 'isIn'],
      ['a password shorter than 10', (b) => (b.password = 'ngan-qua'), 'password', 'minLength'],
      ['a password longer than 200', (b) => (b.password = 'x'.repeat(201)), 'password', 'maxLength'],
      ['a display name over 100 characters', (b) => (b.displayName = 'Đ'.repeat(101)), 'displayName', 'maxLength'],
      ['a blank display name', (b) => (b.displayName = ''), 'displayName', 'isNotEmpty'],
      ['a username with a space', (b) => (b.username = 'can bo'), 'username', 'matches'],
      ['a username of 2 characters', (b) => (b.username = 'ab'), 'username', 'minLength'],
      ['a unit id that is not a uuid', (b) => (b.unitId = 'xa-a'), 'unitId', 'isUuid'],
    ];
    it.each(badPayloads)('rejects %s with 400 naming the field and rule, writing nothing', async (_, mutate, field, rule) => {
      const before = await userCount();
      const body: Record<string, unknown> = valid();
      mutate(body);
      const res = await api.http.post('/api/v1/users').set('authorization', as(districtAdmin)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(JSON.stringify(res.body)).not.toContain('mot-mat-khau-dai');
      expect(await userCount()).toBe(before);
    });

    it('refuses a password equal to the username', async () => {
      const res = await api.http
        .post('/api/v1/users')
        .set('authorization', as(districtAdmin))
        .send({ ...valid(), username: 'canbo.tennguoidung', password: 'CanBo.TenNguoiDung' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'notUsername' })]);
    });
  });

  describe('reading users', () => {
    it('lists the users of the subtree to a supervisor, with totals and pages', async () => {
      const page1 = await api.http.get('/api/v1/users?pageSize=2').set('authorization', as(supervisorD1));
      expect(page1.status).toBe(200);
      const all = await api.http.get('/api/v1/users?pageSize=100').set('authorization', as(supervisorD1));
      const names = all.body.items.map((u: { username: string }) => u.username);
      expect(names).toEqual(expect.arrayContaining([districtAdmin.username, communeAdminA.username, officerA.username, officerB.username]));
      expect(names).not.toContain(officerC.username);
      expect(page1.body).toEqual(expect.objectContaining({ total: all.body.total, page: 1, pageSize: 2 }));
      expect(page1.body.items).toHaveLength(2);
      expect(JSON.stringify(all.body)).not.toMatch(/argon2|passwordHash|unitPath/i);
    });

    it('filters by role, by unit subtree and by text that ignores diacritics', async () => {
      const usernames = (res: { body: { items: { username: string }[] } }) => res.body.items.map((u) => u.username).sort();
      const officers = await api.http.get('/api/v1/users?role=officer&pageSize=100').set('authorization', as(districtAdmin));
      expect(usernames(officers)).toEqual([officerA.username, officerB.username, 'canbo.tanlap']);
      const ofA = await api.http.get(`/api/v1/users?unitId=${communeA.id}&pageSize=100`).set('authorization', as(districtAdmin));
      expect(usernames(ofA)).toEqual([communeAdminA.username, officerA.username, 'canbo.tanlap']);
      const folded = await api.http.get('/api/v1/users?q=NGUYEN%20THI').set('authorization', as(districtAdmin));
      expect(folded.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(['Nguyễn Thị Lan']);
      const accented = await api.http.get(`/api/v1/users?q=${encodeURIComponent('Thị Lan')}`).set('authorization', as(districtAdmin));
      expect(accented.body.total).toBe(1);
      const byUsername = await api.http.get('/api/v1/users?q=tanlap').set('authorization', as(districtAdmin));
      expect(byUsername.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['admin.tanlap', 'canbo.tanlap']);
      const wildcard = await api.http.get('/api/v1/users?q=%25').set('authorization', as(districtAdmin));
      expect(wildcard.body.total).toBe(0);
    });

    it('refuses the list to officers, who read only their own account', async () => {
      expect((await api.http.get('/api/v1/users').set('authorization', as(officerA))).status).toBe(403);
      const self = await api.http.get(`/api/v1/users/${officerA.id}`).set('authorization', as(officerA));
      expect(self.status).toBe(200);
      expect(self.body.username).toBe(officerA.username);
      expect((await api.http.get(`/api/v1/users/${communeAdminA.id}`).set('authorization', as(officerA))).status).toBe(403);
    });

    it("answers 404 for users and units of another commune, and never lists them", async () => {
      const admin = as(communeAdminA);
      expect((await api.http.get(`/api/v1/users/${officerB.id}`).set('authorization', admin)).status).toBe(404);
      expect((await api.http.get(`/api/v1/users/${districtAdmin.id}`).set('authorization', admin)).status).toBe(404);
      expect((await api.http.get(`/api/v1/users?unitId=${communeB.id}`).set('authorization', admin)).status).toBe(404);
      const list = await api.http.get('/api/v1/users?pageSize=100').set('authorization', admin);
      expect(list.body.items.map((u: { username: string }) => u.username).sort()).toEqual([communeAdminA.username, officerA.username, 'canbo.tanlap']);
      expect((await api.http.get(`/api/v1/users/${officerB.id}`).set('authorization', as(officerA))).status).toBe(404);
    });

    it('answers 400 naming the id when it is not a uuid', async () => {
      const res = await api.http.get('/api/v1/users/not-an-id').set('authorization', as(districtAdmin));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });
  });

  it('documents the user routes in the OpenAPI document, without any password in responses', async () => {
    const doc = (await api.http.get('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users', '/api/v1/users/{id}', '/api/v1/users/{id}/disable', '/api/v1/users/{id}/password', '/api/v1/auth/password']),
    );
    expect(Object.keys(doc.components.schemas.UserDto.properties)).not.toEqual(expect.arrayContaining(['password']));
    expect(doc.components.schemas.CreateUserDto.required).toEqual(['username', 'displayName', 'password', 'role', 'unitId']);
  });

  describe('changing users', () => {
    it('lets an admin rename, promote and move a user within the subtree, audited with before and after', async () => {
      const res = await api.http
        .patch(`/api/v1/users/${officerB.id}`)
        .set('authorization', as(districtAdmin))
        .send({ displayName: 'Trần Văn Bình', role: 'supervisor', unitId: communeA.id });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ displayName: 'Trần Văn Bình', role: 'supervisor', unitId: communeA.id }));
      const audit = await auditOf(officerB.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'update',
          actor_id: districtAdmin.id,
          unit_id: communeA.id,
          data: {
            changes: {
              displayName: { from: officerB.username, to: 'Trần Văn Bình' },
              role: { from: 'officer', to: 'supervisor' },
              unitId: { from: communeB.id, to: communeA.id },
            },
          },
        }),
      ]);
      const unchanged = await api.http.patch(`/api/v1/users/${officerB.id}`).set('authorization', as(districtAdmin)).send({ role: 'supervisor' });
      expect(unchanged.status).toBe(200);
      expect(await auditOf(officerB.id)).toHaveLength(1);
    });

    it('refuses moving a user to a unit outside the subtree (404) and non-admins (403)', async () => {
      const outside = await api.http.patch(`/api/v1/users/${officerA.id}`).set('authorization', as(districtAdmin)).send({ unitId: communeC.id });
      expect(outside.status).toBe(404);
      const bySupervisor = await api.http.patch(`/api/v1/users/${officerA.id}`).set('authorization', as(supervisorD1)).send({ displayName: 'X' });
      expect(bySupervisor.status).toBe(403);
      const [row] = await api.db.query(`SELECT unit_id, display_name FROM app_user WHERE id = $1`, [officerA.id]);
      expect(row).toEqual({ unit_id: communeA.id, display_name: officerA.username });
    });

    it('refuses an admin changing their own role, but lets them fix their own name', async () => {
      const role = await api.http.patch(`/api/v1/users/${districtAdmin.id}`).set('authorization', as(districtAdmin)).send({ role: 'officer' });
      expect(role.status).toBe(403);
      expect(role.body.message).toContain('vai trò');
      const name = await api.http.patch(`/api/v1/users/${districtAdmin.id}`).set('authorization', as(districtAdmin)).send({ displayName: 'Quản trị Huyện Một' });
      expect(name.status).toBe(200);
      expect(name.body).toEqual(expect.objectContaining({ displayName: 'Quản trị Huyện Một', role: 'admin', unitId: d1.id }));
    });

    it('rejects unknown and invalid fields of a change', async () => {
      const res = await api.http
        .patch(`/api/v1/users/${officerA.id}`)
        .set('authorization', as(districtAdmin))
        .send({ role: 'boss', username: 'doi-ten' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'role', rule: 'isIn' }),
          expect.objectContaining({ field: 'username', rule: 'unknown-field' }),
        ]),
      );
    });
  });
});
