import { startTestApi, type TestApi } from '#test/test-api.js';
import { subscriberArea } from './subscribers-test-kit.js';

const HEADER = 'phone,full_name,village,tags,consent_source,consent_at,preferred_language';

describe('subscriber CSV import: normalised, merged, reported by row, valid rows kept', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof subscriberArea>>;
  let first: Record<string, unknown> & { id: string };

  beforeAll(async () => {
    api = await startTestApi();
    area = await subscriberArea(api, 'Nhập');
    const create = (who: { auth: string }, body: object) =>
      api.http.post('/api/v1/subscribers').set('authorization', who.auth).send({ consentSource: 'officer', ...body });
    await create(area.officerA, { phone: '0355111222', unitId: area.communeA.id, fullName: 'Lê Văn Cũ', tags: ['cựu chiến binh'] });
    const optedOut = await create(area.officerA, { phone: '0355111333', unitId: area.communeA.id });
    await api.http.post(`/api/v1/subscribers/${optedOut.body.id}/opt-out`).set('authorization', area.officerA.auth);
    await create(area.outsider, { phone: '0977111444', unitId: area.elsewhereCommune.id, fullName: 'Người ở tỉnh khác' });
  });
  afterAll(() => api.close());

  const upload = (who: { auth: string }, content: string | Buffer, fields: Record<string, string> = {}, filename = 'danh-sach.csv') => {
    let req = api.http.post('/api/v1/subscribers/imports').set('authorization', who.auth);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename, contentType: 'text/csv' });
  };
  const subscriber = async (phone: string) =>
    (await api.db.query(`SELECT full_name, village_id, tags, consent_source, consent_at, preferred_language, opted_out_at, unit_id FROM subscriber WHERE phone = $1`, [phone]))[0];
  const importCount = async () => (await api.db.query(`SELECT count(*)::int AS n FROM subscriber_import`))[0].n as number;

  it('imports a comma CSV with malformed, duplicated, legacy, existing and out-of-scope numbers', async () => {
    const csv = [
      HEADER,
      '0912 000 001,Nguyễn Văn Một,Đông,hộ nghèo;thanh niên,paper,15/03/2024,',
      '0912000002,Trần Thị Hai,thon tay,,,,',
      '024 3825 1234,Cơ quan,,,,,',
      '0912 34,Ngắn,,,,,',
      'abc-xyz,Chữ,,,,,',
      '+84912000001,,,Phụ nữ,,,',
      '01683000003,Số cũ,,,,,',
      '0355 111 222,Tên mới,,nông dân,,,',
      '0355 111 333,,,,,,',
      '0977 111 444,Ngoài,,,,,',
      '0912000005,Bắc,Bắc,,,,',
      '0912000006,,,,facebook,,',
      '"0912000007","Tên, có dấu phẩy",Đông,,form,2024-03-15 08:30,en',
      ',,,,,,',
      '',
    ].join('\n');
    const res = await upload(area.officerA, csv);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        unitId: area.communeA.id,
        createdBy: area.officerA.user.id,
        fileName: 'danh-sach.csv',
        status: 'completed',
        rowsRead: 13,
        inserted: 4,
        merged: 3,
        rejected: 6,
        failure: null,
      }),
    );
    first = res.body;
    expect(res.body.firstErrors.map((e: { rowNo: number; field: string; rule: string }) => [e.rowNo, e.field, e.rule])).toEqual([
      [4, 'phone', 'landline'],
      [5, 'phone', 'too-short'],
      [6, 'phone', 'format'],
      [11, 'phone', 'other-unit'],
      [12, 'village', 'not-found'],
      [13, 'consent_source', 'isIn'],
    ]);
    expect(res.body.firstErrors[0]).toEqual({
      rowNo: 4,
      field: 'phone',
      rule: 'landline',
      message: 'Đây là số điện thoại cố định, không nhận được tin nhắn SMS',
      raw: '024 3825 1234,Cơ quan,,,,,',
    });

    expect(await subscriber('+84912000001')).toEqual(
      expect.objectContaining({
        full_name: 'Nguyễn Văn Một',
        village_id: area.dong.id,
        tags: ['hộ nghèo', 'thanh niên', 'phụ nữ'],
        consent_source: 'paper',
        consent_at: new Date('2024-03-14T17:00:00Z'),
        unit_id: area.communeA.id,
      }),
    );
    expect(await subscriber('+84912000002')).toEqual(expect.objectContaining({ village_id: area.tay.id, consent_source: 'import', tags: [] }));
    expect(await subscriber('+84383000003')).toEqual(expect.objectContaining({ full_name: 'Số cũ' }));
    expect(await subscriber('+84912000007')).toEqual(
      expect.objectContaining({ full_name: 'Tên, có dấu phẩy', consent_at: new Date('2024-03-15T01:30:00Z'), preferred_language: 'en' }),
    );
    // Merged into an existing subscriber: tags added, the name it had kept.
    expect(await subscriber('+84355111222')).toEqual(expect.objectContaining({ full_name: 'Lê Văn Cũ', tags: ['cựu chiến binh', 'nông dân'] }));
    // An import never re-subscribes an opted-out number.
    expect((await subscriber('+84355111333')).opted_out_at).toBeInstanceOf(Date);
    // A number subscribed outside the caller's subtree is not touched.
    expect(await subscriber('+84977111444')).toEqual(expect.objectContaining({ full_name: 'Người ở tỉnh khác', unit_id: area.elsewhereCommune.id }));
    for (const phone of ['+84912000005', '+84912000006']) expect(await subscriber(phone)).toBeUndefined();

    const [audit] = await api.db.query(`SELECT action, actor_id, unit_id, data FROM audit_event WHERE entity_type = 'subscriber-import' AND entity_id = $1`, [
      first.id,
    ]);
    expect(audit).toEqual({
      action: 'import',
      actor_id: area.officerA.user.id,
      unit_id: area.communeA.id,
      data: { fileName: 'danh-sach.csv', status: 'completed', rowsRead: 13, inserted: 4, merged: 3, rejected: 6 },
    });
  });

  it('reads a semicolon file saved by Excel: BOM, Vietnamese headers, CRLF, quoted tags, a village code', async () => {
    const csv = [
      'Số điện thoại;Họ và tên;Thôn;Nhãn',
      '0912 000 001;Nguyễn Văn Một;;"Cựu chiến binh;hộ nghèo"',
      `0868 000 010;Phạm Mười;${(await api.db.query(`SELECT code FROM admin_unit WHERE id = $1`, [area.dong.id]))[0].code};`,
      '0868 000 010;;;thanh niên',
      '0868-000-011;Lê;;',
      '12;x;;',
      '',
    ].join('\r\n');
    const res = await upload(area.supervisor, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), { unitId: area.communeA.id }, 'Excel VN.csv');
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ status: 'completed', rowsRead: 5, inserted: 2, merged: 2, rejected: 1, fileName: 'Excel VN.csv' }));
    expect(res.body.firstErrors).toEqual([{ rowNo: 6, field: 'phone', rule: 'too-short', message: expect.any(String), raw: '12;x;;' }]);
    expect((await subscriber('+84912000001')).tags).toEqual(['hộ nghèo', 'thanh niên', 'phụ nữ', 'cựu chiến binh']);
    expect(await subscriber('+84868000010')).toEqual(expect.objectContaining({ full_name: 'Phạm Mười', village_id: area.dong.id, tags: ['thanh niên'] }));
    expect(await subscriber('+84868000011')).toEqual(expect.objectContaining({ full_name: 'Lê', unit_id: area.communeA.id }));
  });

  it('reports a line that is not valid CSV by its line number and keeps the rows before it', async () => {
    const res = await upload(area.officerA, `phone,full_name\n0912000031,An\n0912000032,"Bình chưa đóng ngoặc\n0912000033,Chi\n`);
    expect(res.body).toEqual(expect.objectContaining({ status: 'completed', rowsRead: 2, inserted: 1, rejected: 1 }));
    expect(res.body.firstErrors).toEqual([
      expect.objectContaining({ rowNo: 3, field: 'file', rule: 'csv', message: expect.stringContaining('ngoặc kép'), raw: expect.stringContaining('0912000032') }),
    ]);
    expect(await subscriber('+84912000031')).toEqual(expect.objectContaining({ full_name: 'An' }));
  });

  it('pages the error report and downloads it as CSV for Excel', async () => {
    const page = await api.http.get(`/api/v1/subscribers/imports/${first.id}/errors`).query({ pageSize: 4, page: 2 }).set('authorization', area.officerA.auth);
    expect(page.status).toBe(200);
    expect(page.body).toEqual(expect.objectContaining({ total: 6, page: 2, pageSize: 4 }));
    expect(page.body.items.map((e: { rowNo: number }) => e.rowNo)).toEqual([12, 13]);

    const csv = await api.http.get(`/api/v1/subscribers/imports/${first.id}/errors.csv`).set('authorization', area.officerA.auth).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment; filename="danh-sach-loi.csv"');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('\ufeffDòng;Cột;Quy tắc;Lỗi;Nội dung dòng');
    expect(lines[1]).toBe('4;phone;landline;"Đây là số điện thoại cố định, không nhận được tin nhắn SMS";"024 3825 1234,Cơ quan,,,,,"');
    expect(lines.filter(Boolean)).toHaveLength(7);
  });

  it('shows imports and their progress to the subtree only', async () => {
    const mine = await api.http.get('/api/v1/subscribers/imports').set('authorization', area.officerA.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(first.id);
    const one = await api.http.get(`/api/v1/subscribers/imports/${first.id}`).set('authorization', area.supervisor.auth);
    expect(one.body).toEqual(expect.objectContaining({ id: first.id, status: 'completed', rowsRead: 13 }));

    for (const who of [area.officerB, area.outsider]) {
      for (const path of ['', '/errors', '/errors.csv']) {
        const res = await api.http.get(`/api/v1/subscribers/imports/${first.id}${path}`).set('authorization', who.auth);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      expect((await api.http.get('/api/v1/subscribers/imports').set('authorization', who.auth)).body.total).toBe(0);
    }
    const before = await importCount();
    expect((await upload(area.officerB, `${HEADER}\n0912000099,,,,,,`, { unitId: area.communeA.id })).status).toBe(404);
    expect(await importCount()).toBe(before);
    expect(await subscriber('+84912000099')).toBeUndefined();
  });

  it('refuses before any row is read: no file, no phone column, UTF-16, an empty file, a village as the unit', async () => {
    const before = await importCount();
    const noFile = await api.http.post('/api/v1/subscribers/imports').set('authorization', area.officerA.auth).field('unitId', area.communeA.id);
    expect({ status: noFile.status, details: noFile.body.details }).toEqual({ status: 400, details: [expect.objectContaining({ field: 'file', rule: 'required' })] });

    const cases: [string | Buffer, Record<string, string>, string, string][] = [
      ['name,village\nAn,Đông\n', {}, 'file', 'header'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('phone\n', 'utf16le')]), {}, 'file', 'encoding'],
      ['\n\n', {}, 'file', 'empty'],
      [`${HEADER}\n0912000098,,,,,,`, { unitId: area.dong.id }, 'unitId', 'not-village'],
      [`${HEADER}\n0912000098,,,,,,`, { unitId: 'not-a-uuid' }, 'unitId', 'isUuid'],
    ];
    for (const [content, fields, field, rule] of cases) {
      const res = await upload(area.officerA, content, fields);
      expect({ status: res.status, details: res.body.details }).toEqual({ status: 400, details: [expect.objectContaining({ field, rule })] });
    }
    expect(await importCount()).toBe(before);
  });
});
