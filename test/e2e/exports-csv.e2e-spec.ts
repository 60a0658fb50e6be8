import { randomUUID } from 'node:crypto';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/**
 * Province P ─┬─ commune A (officer, a broadcast on SMS, loudspeaker and board)
 *             └─ commune B           Province Q (its own broadcast, never seen from P)
 * Times are written directly; the units' zone is Asia/Ho_Chi_Minh (UTC+7).
 */
describe('CSV exports: deliveries of a broadcast and subscribers', () => {
  let api: TestApi;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let provinceQ: TestUnit;
  let broadcastA: string;
  let broadcastQ: string;
  const auth: Record<'officer' | 'supervisor' | 'stranger', string> = {} as never;

  const broadcastOf = async (unit: TestUnit, author: TestUser): Promise<{ broadcastId: string; occurrenceId: string }> => {
    const messageId = await createApprovedMessage(api.db, { unit, author, approver: author, sms: 'Tin thử' });
    const [{ id: broadcastId }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms,loudspeaker,board}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [unit.id, messageId, author.id],
    );
    const [{ id: occurrenceId }] = await api.db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, now(), 'planned', 1, now()) RETURNING id`,
      [broadcastId],
    );
    return { broadcastId, occurrenceId };
  };

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Xuất Tệp', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Hòa Bình', level: 'commune', parent: province });
    communeB = await createUnit(api.db, { name: 'Xã Bình Hòa', level: 'commune', parent: province });
    provinceQ = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    const officer = await createUser(api.db, { role: 'officer', unit: communeA, username: 'canbo.xuattep' });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province, username: 'lanhdao.xuattep' });
    const stranger = await createUser(api.db, { role: 'supervisor', unit: provinceQ });
    auth.officer = await bearer(api.http, officer);
    auth.supervisor = await bearer(api.http, supervisor);
    auth.stranger = await bearer(api.http, stranger);

    await api.db.query(
      `INSERT INTO subscriber (phone, full_name, unit_id, tags, consent_source, consent_at, opted_out_at) VALUES
         ('+84912345678', 'Nguyễn Văn An', $1, '{hộ nghèo}', 'officer', '2026-11-30T17:05:00Z', NULL),
         ('+84987654321', '=Trần Thị Bình', $1, '{}', 'paper', '2026-12-01T01:00:00Z', '2026-12-02T02:30:00Z'),
         ('+84911111222', 'Lê Văn Cường', $2, '{}', 'officer', '2026-12-01T01:00:00Z', NULL),
         ('+84900000999', 'Người tỉnh khác', $3, '{}', 'officer', '2026-12-01T01:00:00Z', NULL)`,
      [communeA.id, communeB.id, provinceQ.id],
    );
    const a = await broadcastOf(communeA, officer);
    broadcastA = a.broadcastId;
    const [{ id: stationId }] = await api.db.query(
      `INSERT INTO station (unit_id, name, kind, token_hash) VALUES ($1, 'Cụm loa thôn Đông', 'commune-radio', md5(random()::text)) RETURNING id`,
      [communeA.id],
    );
    const [{ id: boardId }] = await api.db.query(
      `INSERT INTO board (unit_id, name, token_hash, token_issued_at, created_by) VALUES ($1, 'Bảng tin UBND xã', md5(random()::text), now(), $2) RETURNING id`,
      [communeA.id, officer.id],
    );
    await api.db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, attempts, not_before, sent_at, final_at, provider_code, failure_kind, failure_reason) VALUES
         ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', '+84912345678', 0, 'delivered', 1, '2026-12-01T01:00:00Z', '2026-12-01T01:00:30Z', '2026-12-01T01:01:00Z', NULL, NULL, NULL),
         ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', '+84987654321', 0, 'failed', 3, '2026-12-01T01:00:00Z', '2026-12-01T01:00:30Z', '2026-12-01T01:20:00Z', '30003', 'exhausted', NULL),
         ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'loudspeaker', $3, 0, 'delivered', 1, '2026-12-01T23:30:00Z', NULL, '2026-12-01T23:32:00Z', NULL, NULL, NULL),
         ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'board', $4, 0, 'sent', 0, '2026-12-01T01:00:00Z', '2026-12-01T01:00:00Z', NULL, NULL, NULL, NULL)`,
      [a.occurrenceId, broadcastA, stationId, boardId],
    );
    const q = await broadcastOf(provinceQ, stranger);
    broadcastQ = q.broadcastId;
  });
  afterAll(() => api.close());

  const get = (path: string, who: keyof typeof auth, query: Record<string, string> = {}) =>
    api.http.get(path).query(query).set('authorization', auth[who]).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const rowsOf = (body: Buffer) => body.toString('utf8').replace(/^\ufeff/, '').split('\r\n').slice(0, -1);

  it("lists a broadcast's deliveries with masked numbers for an officer, UTF-8 with BOM, local times", async () => {
    const res = await get(`/api/v1/broadcasts/${broadcastA}/deliveries.csv`, 'officer');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="ket-qua-gui-.*\.csv"$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rowsOf(body)).toEqual([
      'Kênh;Người/điểm nhận;Trạng thái;Lý do không thành công;Số lần gửi;Dự kiến gửi;Đã gửi lúc;Kết thúc lúc',
      'Tin nhắn SMS;*********678;Đã nhận;;1;01/12/2026 08:00;01/12/2026 08:00;01/12/2026 08:01',
      expect.stringMatching(/^Tin nhắn SMS;\*{9}321;Thất bại;"Đã thử gửi nhiều lần không thành công: máy người nhận không liên lạc được [^"]*\(mã 30003\)\.";3;01\/12\/2026 08:00;01\/12\/2026 08:00;01\/12\/2026 08:20$/),
      'Bảng tin điện tử;Bảng tin UBND xã;Đã gửi;;0;01/12/2026 08:00;01/12/2026 08:00;',
      'Loa truyền thanh;Cụm loa thôn Đông;Đã nhận;;1;02/12/2026 06:30;;02/12/2026 06:32',
    ]);
  });

  it('shows whole numbers to a supervisor of the subtree', async () => {
    const res = await get(`/api/v1/broadcasts/${broadcastA}/deliveries.csv`, 'supervisor');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.body as Buffer);
    // A leading '+' is defused by the shared CSV rule (excelCsv), so Excel keeps the number as text.
    expect(rows[1].split(';')[1]).toBe("'+84912345678");
    expect(rows[2].split(';')[1]).toBe("'+84987654321");
  });

  it("answers 404 for another province's broadcast and for an unknown one", async () => {
    expect((await get(`/api/v1/broadcasts/${broadcastQ}/deliveries.csv`, 'supervisor')).status).toBe(404);
    expect((await get(`/api/v1/broadcasts/${broadcastA}/deliveries.csv`, 'stranger')).status).toBe(404);
    expect((await get(`/api/v1/broadcasts/${randomUUID()}/deliveries.csv`, 'officer')).status).toBe(404);
  });

  it('exports the subscribers of the subtree with the list filters, masked for an officer, formulas defused', async () => {
    const officerRes = await get('/api/v1/subscribers.csv', 'officer');
    expect(officerRes.status).toBe(200);
    expect(officerRes.headers['content-disposition']).toMatch(/^attachment; filename="nguoi-nhan-tin-\d{4}-\d{2}-\d{2}\.csv"$/);
    const officerRows = rowsOf(officerRes.body as Buffer);
    expect(officerRows[0]).toBe('Số điện thoại;Họ và tên;Đơn vị;Thôn/Tổ dân phố;Nhãn;Nguồn đồng ý;Đồng ý lúc;Từ chối nhận tin lúc');
    expect(officerRows.slice(1).sort()).toEqual(
      [
        "*********321;'=Trần Thị Bình;Xã Hòa Bình;;;Phiếu giấy;01/12/2026 08:00;02/12/2026 09:30",
        '*********678;Nguyễn Văn An;Xã Hòa Bình;;hộ nghèo;Cán bộ ghi nhận;01/12/2026 00:05;',
      ].sort(),
    );

    const all = rowsOf((await get('/api/v1/subscribers.csv', 'supervisor')).body as Buffer).slice(1);
    expect(all.map((r) => r.split(';')[0]).sort()).toEqual(["'+84911111222", "'+84912345678", "'+84987654321"]);
    const optedOut = rowsOf((await get('/api/v1/subscribers.csv', 'supervisor', { optedOut: 'true' })).body as Buffer).slice(1);
    expect(optedOut.map((r) => r.split(';')[0])).toEqual(["'+84987654321"]);
    const byUnit = rowsOf((await get('/api/v1/subscribers.csv', 'supervisor', { unitId: communeB.id })).body as Buffer).slice(1);
    expect(byUnit.map((r) => r.split(';')[0])).toEqual(["'+84911111222"]);
    const byName = rowsOf((await get('/api/v1/subscribers.csv', 'supervisor', { q: 'cuong' })).body as Buffer).slice(1);
    expect(byName.map((r) => r.split(';')[1])).toEqual(['Lê Văn Cường']);
    const byTag = rowsOf((await get('/api/v1/subscribers.csv', 'supervisor', { tag: 'Hộ nghèo' })).body as Buffer).slice(1);
    expect(byTag.map((r) => r.split(';')[1])).toEqual(['Nguyễn Văn An']);
  });

  it("refuses a unit outside the subtree (404) and a malformed filter (400)", async () => {
    expect((await get('/api/v1/subscribers.csv', 'officer', { unitId: communeB.id })).status).toBe(404);
    expect((await get('/api/v1/subscribers.csv', 'officer', { unitId: 'not-a-uuid' })).status).toBe(400);
  });
});
