import type { DataSource } from 'typeorm';
import { bearer, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/** An imported unit, found the way an operator names it: by list and code. */
async function official(db: DataSource, source: string, code: string): Promise<TestUnit> {
  const [unit] = await db.query(`SELECT id, path::text AS path, name FROM admin_unit WHERE source = $1 AND code = $2`, [source, code]);
  if (!unit) throw new Error(`no ${source} unit ${code}`);
  return unit;
}

describe('administrative units over HTTP', () => {
  let api: TestApi;
  let caoBang: TestUnit;
  let thucPhan: TestUnit; // a ward of Cao Bằng (2025)
  let hanoiCommune: TestUnit; // a commune elsewhere
  let auth: Record<'caoBangAdmin' | 'hcmAdmin' | 'dakLakAdmin' | 'officerA' | 'officerB' | 'supervisor', string>;

  beforeAll(async () => {
    api = await startTestApi();
    caoBang = await official(api.db, 'vn-2025', '04');
    thucPhan = await official(api.db, 'vn-2025', '01273');
    const [hanoiFirst] = await api.db.query(
      `SELECT c.code FROM admin_unit c JOIN admin_unit p ON p.id = c.parent_id
        WHERE c.source = 'vn-2025' AND p.code = '01' AND p.source = 'vn-2025' ORDER BY c.code LIMIT 1`,
    );
    hanoiCommune = await official(api.db, 'vn-2025', hanoiFirst.code);
    const users = {
      caoBangAdmin: await createUser(api.db, { role: 'admin', unit: caoBang }),
      hcmAdmin: await createUser(api.db, { role: 'admin', unit: await official(api.db, 'vn-2025', '79') }),
      dakLakAdmin: await createUser(api.db, { role: 'admin', unit: await official(api.db, 'vn-2025', '66') }),
      officerA: await createUser(api.db, { role: 'officer', unit: thucPhan }),
      officerB: await createUser(api.db, { role: 'officer', unit: hanoiCommune }),
      supervisor: await createUser(api.db, { role: 'supervisor', unit: caoBang }),
    };
    auth = Object.fromEntries(
      await Promise.all(Object.entries(users).map(async ([key, user]) => [key, await bearer(api.http, user)])),
    ) as typeof auth;
  });
  afterAll(() => api.close());

  const search = (who: keyof typeof auth, query: Record<string, string | number>) =>
    api.http.get('/api/v1/units').query(query).set('authorization', auth[who]);
  const villageCount = async (communeId: string) =>
    (await api.db.query(`SELECT count(*)::int AS n FROM admin_unit WHERE parent_id = $1`, [communeId]))[0].n as number;
  const auditCount = async () => (await api.db.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n as number;

  describe('search', () => {
    it('ignores Vietnamese diacritics and puts the best match first', async () => {
      const caoBangHit = await search('caoBangAdmin', { q: 'Cao Bang' });
      expect(caoBangHit.status).toBe(200);
      expect(caoBangHit.body.items[0]).toEqual(expect.objectContaining({ id: caoBang.id, name: 'Cao Bằng', fullName: 'Tỉnh Cao Bằng' }));

      const hcm = await search('hcmAdmin', { q: 'ho chi minh' });
      expect(hcm.body.items[0]).toEqual(expect.objectContaining({ fullName: 'Thành phố Hồ Chí Minh', level: 'province', source: 'vn-2025' }));

      for (const q of ['dak lak', 'Đắk Lắk', 'ĐẮK LẮK']) {
        const res = await search('dakLakAdmin', { q });
        expect(res.body.items[0]).toEqual(expect.objectContaining({ fullName: 'Tỉnh Đắk Lắk' }));
      }

      const ward = await search('caoBangAdmin', { q: 'thuc phan' });
      expect(ward.body).toEqual(
        expect.objectContaining({ total: 1, page: 1, pageSize: 20, items: [expect.objectContaining({ id: thucPhan.id, fullName: 'Phường Thục Phán' })] }),
      );
    });

    it('is limited to the caller subtree, filters and paginates with a total', async () => {
      const outside = await search('caoBangAdmin', { q: 'ho chi minh' });
      expect(outside.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });

      const communes = await search('caoBangAdmin', { level: 'commune', validOn: '2026-01-01', pageSize: 10, page: 2 });
      expect(communes.status).toBe(200);
      const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM admin_unit WHERE parent_id = $1`, [caoBang.id]);
      expect(communes.body.total).toBe(n);
      expect(communes.body.items).toHaveLength(10);
      expect(communes.body.items.every((u: { level: string; parentId: string }) => u.level === 'commune' && u.parentId === caoBang.id)).toBe(true);

      const beforeReform = await search('caoBangAdmin', { validOn: '2025-06-30' });
      expect(beforeReform.body.total).toBe(0);

      const officerView = await search('officerA', {});
      expect(officerView.body.items.map((u: { id: string }) => u.id)).toContain(thucPhan.id);
      expect(officerView.body.items.every((u: { id: string; parentId: string }) => u.id === thucPhan.id || u.parentId === thucPhan.id)).toBe(true);
    });

    it('sorts names in Vietnamese alphabetical order', async () => {
      const res = await search('caoBangAdmin', { parentId: caoBang.id, pageSize: 100 });
      const names: string[] = res.body.items.map((u: { name: string }) => u.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    });

    it('refuses bad filters naming the field', async () => {
      const res = await search('caoBangAdmin', { level: 'hamlet', validOn: '2025-02-30', pageSize: 500 });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['level', 'pageSize', 'validOn']);
    });
  });

  describe('one unit', () => {
    it('returns the unit with its breadcrumb, root first', async () => {
      const res = await api.http.get(`/api/v1/units/${thucPhan.id}`).set('authorization', auth.officerA);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({ id: thucPhan.id, code: '01273', source: 'vn-2025', level: 'commune', validFrom: '2025-07-01', validTo: null }),
      );
      expect(res.body.ancestors.map((a: { id: string }) => a.id)).toEqual([caoBang.id]);
    });

    it('answers 404 outside the caller subtree, as if the unit did not exist', async () => {
      const res = await api.http.get(`/api/v1/units/${hanoiCommune.id}`).set('authorization', auth.officerA);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expect.objectContaining({ statusCode: 404, message: 'Không tìm thấy đơn vị hành chính' }));
      const parent = await api.http.get(`/api/v1/units/${caoBang.id}`).set('authorization', auth.officerA);
      expect(parent.status).toBe(404);
      const children = await api.http.get(`/api/v1/units/${hanoiCommune.id}/children`).set('authorization', auth.officerA);
      expect(children.status).toBe(404);
      const badId = await api.http.get('/api/v1/units/not-a-uuid').set('authorization', auth.officerA);
      expect(badId.status).toBe(400);
      expect(badId.body.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });

    it('lists direct children, paginated', async () => {
      const res = await api.http.get(`/api/v1/units/${caoBang.id}/children`).query({ pageSize: 5 }).set('authorization', auth.supervisor);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
      expect(res.body.total).toBe(await villageCount(caoBang.id));
      expect(res.body.total).toBeGreaterThan(5);
      expect(res.body.items.every((u: { parentId: string }) => u.parentId === caoBang.id)).toBe(true);
    });
  });

  describe('villages', () => {
    const post = (who: keyof typeof auth, unitId: string, body: object) =>
      api.http.post(`/api/v1/units/${unitId}/villages`).set('authorization', auth[who]).send(body);

    it('lets the commune officer add a village, audited, and refuses a duplicate name', async () => {
      const res = await post('officerA', thucPhan.id, { name: '  Thôn  Nà Cạn ', type: 'village', code: 'CB-01273-01' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          parentId: thucPhan.id,
          name: 'Thôn Nà Cạn',
          fullName: 'Thôn Nà Cạn',
          level: 'village',
          source: 'local',
          type: 'village',
          code: 'CB-01273-01',
          depth: 3,
        }),
      );
      const [row] = await api.db.query(`SELECT path::text AS path, search_name FROM admin_unit WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ path: `${thucPhan.path}.${res.body.id.replace(/-/g, '')}`, search_name: 'thon na can' });
      const audit = await api.db.query(
        `SELECT actor_id, unit_id, action, data FROM audit_event WHERE entity_type = 'unit' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit).toEqual([
        expect.objectContaining({ unit_id: thucPhan.id, action: 'create-village', data: expect.objectContaining({ name: 'Thôn Nà Cạn' }) }),
      ]);

      const children = await api.http.get(`/api/v1/units/${thucPhan.id}/children`).set('authorization', auth.officerA);
      expect(children.body.items.map((u: { id: string }) => u.id)).toEqual([res.body.id]);
      const found = await search('officerA', { q: 'na can' });
      expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([res.body.id]);

      const before = await auditCount();
      for (const body of [{ name: 'thon na can', type: 'village' }, { name: 'NÀ CẠN', type: 'village' }]) {
        const dup = await post('officerA', thucPhan.id, body);
        expect(dup.status).toBe(409);
        expect(dup.body.message).toContain('trùng tên');
      }
      const sameCode = await post('caoBangAdmin', thucPhan.id, { name: 'Tổ 7', type: 'residential-group', code: 'CB-01273-01' });
      expect(sameCode.status).toBe(409);
      expect(sameCode.body.message).toContain('Mã "CB-01273-01" đã được dùng');
      expect(await villageCount(thucPhan.id)).toBe(1);
      expect(await auditCount()).toBe(before);
    });

    it('lets an admin of the area add a village too', async () => {
      const res = await post('caoBangAdmin', thucPhan.id, { name: '5', type: 'residential-group' });
      expect(res.status).toBe(201);
      expect(res.body.fullName).toBe('Tổ dân phố 5');
    });

    it('creates one village when the same name is sent twice at once', async () => {
      const [first, second] = await Promise.all([
        post('officerA', thucPhan.id, { name: 'Thôn Song Song', type: 'village' }),
        post('caoBangAdmin', thucPhan.id, { name: 'thon song song', type: 'village' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 409]);
      const rows = await api.db.query(`SELECT id FROM admin_unit WHERE parent_id = $1 AND search_name = 'thon song song'`, [thucPhan.id]);
      expect(rows).toHaveLength(1);
    });

    it('answers 404 for a commune outside the caller subtree and writes nothing', async () => {
      const before = await auditCount();
      const res = await post('officerA', hanoiCommune.id, { name: 'Thôn Lạ', type: 'village' });
      expect(res.status).toBe(404);
      expect(await villageCount(hanoiCommune.id)).toBe(0);
      expect(await auditCount()).toBe(before);
    });

    it('refuses villages under anything but a commune, and callers who are not officers or admins', async () => {
      const province = await post('caoBangAdmin', caoBang.id, { name: 'Thôn Tỉnh', type: 'village' });
      expect(province.status).toBe(409);
      expect(province.body.message).toContain('cấp xã');
      const supervisor = await post('supervisor', thucPhan.id, { name: 'Thôn Duyệt', type: 'village' });
      expect(supervisor.status).toBe(403);
    });

    it('refuses a commune of the old list, which is no longer valid', async () => {
      const oldCaoBang = await official(api.db, 'vn-pre2025', '04');
      const oldAdmin = await createUser(api.db, { role: 'admin', unit: oldCaoBang });
      const [oldCommune] = await api.db.query(
        `SELECT id FROM admin_unit WHERE source = 'vn-pre2025' AND level = 'commune' AND path <@ $1::ltree LIMIT 1`,
        [oldCaoBang.path],
      );
      const res = await api.http
        .post(`/api/v1/units/${oldCommune.id}/villages`)
        .set('authorization', await bearer(api.http, oldAdmin))
        .send({ name: 'Thôn Cũ', type: 'village' });
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('2025-06-30');
    });

    it('refuses bad payloads naming the field and the rule, and writes nothing', async () => {
      const before = { villages: await villageCount(thucPhan.id), audit: await auditCount() };
      const cases: [object, { field: string; rule: string }][] = [
        [{ type: 'village' }, { field: 'name', rule: 'isNotEmpty' }],
        [{ name: '   ', type: 'village' }, { field: 'name', rule: 'isNotEmpty' }],
        [{ name: 'Thôn Mới', type: 'village', population: 300 }, { field: 'population', rule: 'unknown-field' }],
        [{ name: 'Thôn Mới', type: 'township' }, { field: 'type', rule: 'isIn' }],
        [{ name: 'Thôn '.padEnd(201, 'x'), type: 'village' }, { field: 'name', rule: 'maxLength' }],
        [{ name: 'Thôn Mới', type: 'village', code: 'mã có dấu' }, { field: 'code', rule: 'matches' }],
      ];
      for (const [body, problem] of cases) {
        const res = await post('officerA', thucPhan.id, body);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining(problem)]));
      }
      expect({ villages: await villageCount(thucPhan.id), audit: await auditCount() }).toEqual(before);
    });
  });
});
