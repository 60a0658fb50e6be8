import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/**
 * Province P ─┬─ commune A (officerA) ── villages added over the API
 *             └─ commune B (officerB)
 */
describe('renaming and removing villages', () => {
  let api: TestApi;
  let province: TestUnit;
  let communeA: TestUnit;
  let officerA: TestUser;
  const auth: Record<'officerA' | 'officerB' | 'supervisor' | 'admin', string> = {} as never;

  beforeAll(async () => {
    api = await startTestApi();
    province = await createUnit(api.db, { name: 'Tỉnh Thôn Bản', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Tân Lập', level: 'commune', parent: province });
    const communeB = await createUnit(api.db, { name: 'Xã Bình Minh', level: 'commune', parent: province });
    officerA = await createUser(api.db, { role: 'officer', unit: communeA });
    auth.officerA = await bearer(api.http, officerA);
    auth.officerB = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: communeB }));
    auth.supervisor = await bearer(api.http, await createUser(api.db, { role: 'supervisor', unit: province }));
    auth.admin = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: province }));
  });
  afterAll(() => api.close());

  const addVillage = async (name: string, type = 'village'): Promise<string> => {
    const res = await api.http.post(`/api/v1/units/${communeA.id}/villages`).set('authorization', auth.officerA).send({ name, type });
    if (res.status !== 201) throw new Error(`village ${name}: ${res.status}`);
    return res.body.id;
  };
  const rename = (who: keyof typeof auth, id: string, name: string) =>
    api.http.patch(`/api/v1/units/${id}`).set('authorization', auth[who]).send({ name });
  const remove = (who: keyof typeof auth, id: string) => api.http.delete(`/api/v1/units/${id}`).set('authorization', auth[who]);
  const unitRow = async (id: string) =>
    (await api.db.query(`SELECT name, full_name, search_name FROM admin_unit WHERE id = $1`, [id]))[0] as
      | { name: string; full_name: string; search_name: string }
      | undefined;
  const auditOf = (id: string) =>
    api.db.query(`SELECT actor_id, unit_id, action, data FROM audit_event WHERE entity_type = 'unit' AND entity_id = $1 ORDER BY id`, [id]);

  describe('rename', () => {
    it('renames a village, rebuilding its full name and search name, audited with before and after', async () => {
      const id = await addVillage('Nà Cạn');
      const res = await rename('officerA', id, '  Nà  Cạn Mới ');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({ id, parentId: communeA.id, name: 'Nà Cạn Mới', fullName: 'Thôn Nà Cạn Mới', level: 'village', source: 'local' }),
      );
      expect(await unitRow(id)).toEqual({ name: 'Nà Cạn Mới', full_name: 'Thôn Nà Cạn Mới', search_name: 'na can moi thon na can moi' });
      expect((await auditOf(id)).map((a: { action: string }) => a.action)).toEqual(['create-village', 'rename-village']);
      expect((await auditOf(id))[1]).toEqual({
        actor_id: officerA.id,
        unit_id: communeA.id,
        action: 'rename-village',
        data: { from: { name: 'Nà Cạn', fullName: 'Thôn Nà Cạn' }, to: { name: 'Nà Cạn Mới', fullName: 'Thôn Nà Cạn Mới' }, parentId: communeA.id },
      });
      const found = await api.http.get('/api/v1/units').query({ q: 'na can moi' }).set('authorization', auth.officerA);
      expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([id]);
    });

    it('refuses the name of a sibling village, whatever the case and diacritics, and changes nothing', async () => {
      await addVillage('Bản Chang');
      const id = await addVillage('Bản Phố');
      const res = await rename('admin', id, 'BAN CHANG');
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('"Xã Tân Lập" đã có "Bản Chang" (trùng tên)');
      expect((await unitRow(id))?.name).toBe('Bản Phố');
      expect(await auditOf(id)).toHaveLength(1);
      const recased = await rename('admin', id, 'Bản phố');
      expect(recased.status).toBe(200);
      expect(recased.body.fullName).toBe('Bản phố');
    });

    it('answers 404 outside the caller subtree, 403 to supervisors, 409 for anything but a local village', async () => {
      const id = await addVillage('Thôn Giữ Tên');
      expect((await rename('officerB', id, 'Thôn Lạ')).status).toBe(404);
      const supervisor = await rename('supervisor', id, 'Thôn Lạ');
      expect(supervisor.status).toBe(403);
      expect(supervisor.body.message).toBe('Chỉ cán bộ của xã hoặc quản trị viên mới được đổi tên, xóa thôn, tổ dân phố');
      const commune = await rename('admin', communeA.id, 'Xã Mới');
      expect(commune.status).toBe(409);
      expect(commune.body.message).toBe('"Xã Tân Lập" là đơn vị cấp xã; chỉ đổi tên hoặc xóa được thôn, tổ dân phố do địa phương tạo');
      const official = await createUnit(api.db, { name: 'Thôn Chính Thức', level: 'village', parent: communeA });
      await api.db.query(`UPDATE admin_unit SET source = 'vn-2025', code = 'T-OFF-1' WHERE id = $1`, [official.id]);
      const fromList = await rename('admin', official.id, 'Thôn Khác');
      expect(fromList.status).toBe(409);
      expect(fromList.body.message).toContain('thuộc danh mục hành chính chính thức');
      expect((await unitRow(id))?.name).toBe('Thôn Giữ Tên');
      expect((await unitRow(communeA.id))?.name).toBe('Xã Tân Lập');
    });

    it('refuses an empty or unknown field naming it', async () => {
      const id = await addVillage('Thôn Rỗng');
      const empty = await rename('officerA', id, '   ');
      expect(empty.status).toBe(400);
      expect(empty.body.details).toEqual([expect.objectContaining({ field: 'name', rule: 'isNotEmpty' })]);
      const extra = await api.http.patch(`/api/v1/units/${id}`).set('authorization', auth.officerA).send({ name: 'X', level: 'commune' });
      expect(extra.status).toBe(400);
      expect(extra.body.details).toEqual([expect.objectContaining({ field: 'level', rule: 'unknown-field' })]);
    });
  });

  describe('delete', () => {
    it('removes an unused village, audited under its commune; it is then gone', async () => {
      const id = await addVillage('Thôn Tạm');
      const res = await remove('officerA', id);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await unitRow(id)).toBeUndefined();
      expect((await auditOf(id))[1]).toEqual({
        actor_id: officerA.id,
        unit_id: communeA.id,
        action: 'delete-village',
        data: { name: 'Thôn Tạm', fullName: 'Thôn Tạm', type: 'village', code: null, parentId: communeA.id },
      });
      expect((await api.http.get(`/api/v1/units/${id}`).set('authorization', auth.officerA)).status).toBe(404);
      expect((await remove('officerA', id)).status).toBe(404);
    });

    it('keeps a village that subscribers, stations, boards and broadcasts use, naming each in the 409', async () => {
      const id = await addVillage('Thôn Đông Dân');
      await api.db.query(
        `INSERT INTO subscriber (phone, unit_id, village_id, consent_source, consent_at)
         VALUES ('+84912000001', $1, $2, 'officer', now()), ('+84912000002', $1, $2, 'officer', now())`,
        [communeA.id, id],
      );
      await api.db.query(`INSERT INTO station (unit_id, name, kind, token_hash, village_ids) VALUES ($1, 'Cụm loa 1', 'ip-cluster', 'h1', $2)`, [
        communeA.id,
        [id],
      ]);
      await api.db.query(
        `INSERT INTO board (unit_id, village_id, name, token_hash, token_issued_at, created_by) VALUES ($1, $2, 'Bảng tin 1', 'h2', now(), $3)`,
        [communeA.id, id, officerA.id],
      );
      const [{ id: messageId }] = await api.db.query(
        `INSERT INTO message (unit_id, created_by, status, current_version, row_version) VALUES ($1, $2, 'approved', 1, 1) RETURNING id`,
        [communeA.id, officerA.id],
      );
      await api.db.query(
        `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
         VALUES ($1, $2, 1, $3, 'scheduled', '{sms}', $4, '{}', 'Asia/Ho_Chi_Minh', 'normal')`,
        [communeA.id, messageId, officerA.id, JSON.stringify({ unitIds: [communeA.id], villageIds: [id], tags: [] })],
      );

      const res = await remove('admin', id);
      expect(res.status).toBe(409);
      expect(res.body.message).toBe(
        'Không xóa được "Thôn Đông Dân" vì đang được dùng: 2 người nhận tin, 1 cụm loa, 1 bảng tin điện tử, 1 lượt phát. ' +
          'Chỉ xóa được thôn chưa được dùng; có thể đổi tên thay vì xóa.',
      );
      expect(res.body.details).toEqual([
        { field: 'subscribers', rule: 'in-use', message: '2 người nhận tin' },
        { field: 'stations', rule: 'in-use', message: '1 cụm loa' },
        { field: 'boards', rule: 'in-use', message: '1 bảng tin điện tử' },
        { field: 'broadcasts', rule: 'in-use', message: '1 lượt phát' },
      ]);
      expect(await unitRow(id)).toEqual(expect.objectContaining({ name: 'Thôn Đông Dân' }));
      expect(await auditOf(id)).toHaveLength(1);
    });

    it('answers 404 outside the subtree, 403 to supervisors, 409 for a commune, and keeps the rows', async () => {
      const id = await addVillage('Thôn Còn Lại');
      expect((await remove('officerB', id)).status).toBe(404);
      expect((await remove('supervisor', id)).status).toBe(403);
      const commune = await remove('admin', communeA.id);
      expect(commune.status).toBe(409);
      expect(commune.body.message).toContain('là đơn vị cấp xã');
      expect(await unitRow(id)).toBeDefined();
      expect(await unitRow(communeA.id)).toBeDefined();
    });
  });
});
