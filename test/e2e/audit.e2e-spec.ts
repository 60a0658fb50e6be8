import { randomUUID } from 'node:crypto';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/**
 * Province P ─┬─ commune A (officer)        Province Q (its own log, never seen from P)
 *             └─ commune B
 * Events are written directly with known times; the unit zone is Asia/Ho_Chi_Minh (UTC+7).
 */
describe('the audit log: filters, sort and CSV export', () => {
  let api: TestApi;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let provinceQ: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  const auth: Record<'officer' | 'supervisor' | 'admin', string> = {} as never;
  const message = randomUUID();
  const subscriberOne = randomUUID();
  const subscriberTwo = randomUUID();
  const ids: Record<'e1' | 'e2' | 'e3' | 'e4', string> = {} as never;

  const append = async (e: {
    at: string;
    actor: TestUser | null;
    unit: TestUnit;
    entityType: string;
    entityId: string;
    action: string;
    versionNo?: number;
    comment?: string;
    data?: object;
  }): Promise<string> => {
    const [{ id }] = await api.db.query(
      `INSERT INTO audit_event (occurred_at, actor_id, unit_id, unit_path, entity_type, entity_id, action, version_no, comment, data)
       SELECT $1, $2, id, path, $4, $5, $6, $7, $8, $9 FROM admin_unit WHERE id = $3 RETURNING id::text`,
      [e.at, e.actor?.id ?? null, e.unit.id, e.entityType, e.entityId, e.action, e.versionNo ?? null, e.comment ?? null, JSON.stringify(e.data ?? {})],
    );
    return id;
  };

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Nhật Ký', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã An Bình', level: 'commune', parent: province });
    communeB = await createUnit(api.db, { name: 'Xã Bình An', level: 'commune', parent: province });
    provinceQ = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    officer = await createUser(api.db, { role: 'officer', unit: communeA, username: 'canbo.nhatky' });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province, username: 'lanhdao.nhatky' });
    auth.officer = await bearer(api.http, officer);
    auth.supervisor = await bearer(api.http, supervisor);
    auth.admin = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: province }));

    ids.e1 = await append({ at: '2026-11-30T16:59:59Z', actor: officer, unit: communeA, entityType: 'message', entityId: message, action: 'submit' });
    ids.e2 = await append({
      at: '2026-11-30T17:00:00Z',
      actor: supervisor,
      unit: communeA,
      entityType: 'message',
      entityId: message,
      action: 'approve',
      versionNo: 2,
      comment: 'Ghi chú; có chấm phẩy',
      data: { from: 'submitted', to: 'approved' },
    });
    ids.e3 = await append({
      at: '2026-12-02T03:04:05Z',
      actor: officer,
      unit: communeB,
      entityType: 'subscriber',
      entityId: subscriberOne,
      action: 'import',
      comment: '=HYPERLINK("x")',
    });
    ids.e4 = await append({ at: '2026-12-02T10:00:00Z', actor: null, unit: communeB, entityType: 'subscriber', entityId: subscriberTwo, action: 'opt-out' });
    const stranger = await createUser(api.db, { role: 'officer', unit: provinceQ });
    await append({ at: '2026-12-01T01:00:00Z', actor: stranger, unit: provinceQ, entityType: 'message', entityId: randomUUID(), action: 'submit' });
  });
  afterAll(() => api.close());

  const list = (query: Record<string, string>, who: keyof typeof auth = 'supervisor') =>
    api.http.get('/api/v1/audit').query(query).set('authorization', auth[who]);
  const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);
  const exportCsv = (query: Record<string, string>, who: keyof typeof auth = 'supervisor') =>
    api.http.get('/api/v1/audit/export.csv').query(query).set('authorization', auth[who]);
  const linesOf = (text: string) => text.split('\r\n').slice(0, -1);

  it('is read by supervisors and admins of the subtree only, newest first, with names', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([ids.e4, ids.e3, ids.e2, ids.e1]);
    expect(res.body.total).toBe(4);
    expect(res.body.items[2]).toEqual({
      id: ids.e2,
      occurredAt: '2026-11-30T17:00:00.000Z',
      actorId: supervisor.id,
      actorName: 'lanhdao.nhatky',
      actorUsername: 'lanhdao.nhatky',
      unitId: communeA.id,
      unitName: 'Xã An Bình',
      entityType: 'message',
      entityId: message,
      action: 'approve',
      versionNo: 2,
      comment: 'Ghi chú; có chấm phẩy',
      data: { from: 'submitted', to: 'approved' },
    });
    expect((await list({}, 'admin')).body.total).toBe(4);
    for (const res of [await list({}, 'officer'), await exportCsv({}, 'officer')]) {
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Chỉ lãnh đạo phụ trách hoặc quản trị viên mới được xem nhật ký hoạt động');
    }
  });

  it('filters a period of local days (the unit zone) or of instants', async () => {
    expect(idsOf(await list({ from: '2026-12-01' }))).toEqual([ids.e4, ids.e3, ids.e2]);
    expect(idsOf(await list({ to: '2026-12-01' }))).toEqual([ids.e2, ids.e1]);
    expect(idsOf(await list({ from: '2026-12-01', to: '2026-12-01' }))).toEqual([ids.e2]);
    expect(idsOf(await list({ from: '2026-12-02T10:00:00+07:00', to: '2026-12-02T10:00:00Z' }))).toEqual([ids.e3]);
  });

  it('filters by actor, action, unit subtree, entity type and entity', async () => {
    expect(idsOf(await list({ actorId: officer.id }))).toEqual([ids.e3, ids.e1]);
    expect(idsOf(await list({ action: 'approve' }))).toEqual([ids.e2]);
    expect(idsOf(await list({ unitId: communeB.id }))).toEqual([ids.e4, ids.e3]);
    expect(idsOf(await list({ entityType: 'subscriber', actorId: officer.id }))).toEqual([ids.e3]);
    expect(idsOf(await list({ entityId: message }))).toEqual([ids.e2, ids.e1]);
    const outside = await list({ unitId: provinceQ.id });
    expect(outside.status).toBe(404);
    expect(outside.body.message).toBe('Không tìm thấy đơn vị hành chính');
  });

  it('sorts by time or action, both ways, and pages', async () => {
    expect(idsOf(await list({ sort: 'occurredAt' }))).toEqual([ids.e1, ids.e2, ids.e3, ids.e4]);
    expect((await list({ sort: 'action' })).body.items.map((e: { action: string }) => e.action)).toEqual(['approve', 'import', 'opt-out', 'submit']);
    const page = await list({ sort: '-action', pageSize: '1', page: '2' });
    expect(page.body).toEqual(expect.objectContaining({ total: 4, page: 2, pageSize: 1, items: [expect.objectContaining({ id: ids.e4, action: 'opt-out' })] }));
  });

  it('refuses a period that ends before it starts, bad dates and unknown sorts, naming the parameter', async () => {
    const backwards = await list({ from: '2026-12-02', to: '2026-12-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([{ field: 'to', rule: 'after-from', message: 'phải sau thời điểm bắt đầu (from)' }]);
    const bad = await list({ from: 'hôm qua', to: '2026-12-01T08:00', sort: 'actorId' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['from', 'sort', 'to']);
  });

  it('exports the filtered log as CSV for Excel: BOM, Vietnamese headers, local times, defused formulas', async () => {
    const res = await exportCsv({ sort: 'occurredAt' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="nhat-ky-hoat-dong-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\ufeff')).toBe(true);
    expect(linesOf(res.text.slice(1))).toEqual([
      'Thời gian;Người thực hiện;Tên đăng nhập;Đơn vị;Hành động;Loại đối tượng;Mã đối tượng;Phiên bản;Ghi chú;Chi tiết',
      `30/11/2026 23:59:59;canbo.nhatky;canbo.nhatky;Xã An Bình;Gửi duyệt;Tin bài;${message};;;`,
      `01/12/2026 00:00:00;lanhdao.nhatky;lanhdao.nhatky;Xã An Bình;Duyệt;Tin bài;${message};2;"Ghi chú; có chấm phẩy";"{""to"":""approved"",""from"":""submitted""}"`,
      `02/12/2026 10:04:05;canbo.nhatky;canbo.nhatky;Xã Bình An;Nhập danh sách;Người nhận tin;${subscriberOne};;"'=HYPERLINK(""x"")";`,
      `02/12/2026 17:00:00;Hệ thống;;Xã Bình An;Từ chối nhận tin;Người nhận tin;${subscriberTwo};;;`,
    ]);
    const filtered = await exportCsv({ unitId: communeA.id, from: '2026-12-01' });
    expect(linesOf(filtered.text)).toHaveLength(2);
    expect(linesOf(filtered.text)[1]).toMatch(/^01\/12\/2026 00:00:00;lanhdao\.nhatky;/);
  });

  it('exports every row of a log larger than one read batch, in order, each once', async () => {
    await api.db.query(
      `INSERT INTO audit_event (occurred_at, actor_id, unit_id, unit_path, entity_type, entity_id, action)
       SELECT timestamptz '2026-10-01 00:00:00+07' + make_interval(secs => n), $1, u.id, u.path, 'message', gen_random_uuid(), 'edit'
         FROM admin_unit u, generate_series(1, 1234) AS n WHERE u.id = $2`,
      [officer.id, communeA.id],
    );
    const res = await exportCsv({ action: 'edit' });
    const lines = linesOf(res.text).slice(1);
    expect(lines).toHaveLength(1234);
    expect(lines[0]).toMatch(/^01\/10\/2026 00:20:34;canbo\.nhatky;canbo\.nhatky;Xã An Bình;Sửa;Tin bài;[0-9a-f-]{36};;;$/);
    expect(lines[1233]).toMatch(/^01\/10\/2026 00:00:01;/);
    expect(new Set(lines.map((l) => l.split(';')[6])).size).toBe(1234);
    const times = lines.map((l) => l.slice(0, 19));
    expect(times).toEqual([...times].sort().reverse());
    const page = await list({ action: 'edit', pageSize: '1' });
    expect(page.body.total).toBe(1234);
  });
});
