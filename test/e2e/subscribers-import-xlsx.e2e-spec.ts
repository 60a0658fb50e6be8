import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { subscriberArea } from './subscribers-test-kit.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Số điện thoại', 'Họ tên', 'village', 'tags', 'consent_source', 'consent_at', 'preferred_language'];

/** A workbook as Excel users make them: numbers typed as numbers, dates as dates, a second sheet that must be ignored. */
async function workbook(rows: ExcelJS.CellValue[][], extraSheet = true): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Người nhận tin');
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(6).numFmt = 'dd/mm/yyyy hh:mm';
  if (extraSheet) book.addWorksheet('Ghi chú').addRow(['0912999999', 'Không được nhập']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('subscriber import from Excel (.xlsx): same columns, rules and report as CSV, with progress', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof subscriberArea>>;

  beforeAll(async () => {
    api = await startTestApi();
    area = await subscriberArea(api, 'Excel');
  });
  afterAll(() => api.close());

  const upload = (content: Buffer, filename: string, contentType: string, fields: Record<string, string> = {}) => {
    let req = api.http.post('/api/v1/subscribers/imports').set('authorization', area.officerA.auth);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    return req.attach('file', content, { filename, contentType });
  };
  const importCount = async () => (await api.db.query(`SELECT count(*)::int AS n FROM subscriber_import`))[0].n as number;

  it('keeps the good rows, reports the bad ones by sheet row, and reports the progress', async () => {
    const importId = randomUUID();
    const file = await workbook([
      HEADER,
      [912000101, 'Nguyễn Văn Một', 'Đông', 'hộ nghèo; thanh niên', 'paper', new Date(Date.UTC(2024, 2, 15, 8, 30)), null],
      ['0912 000 102', { richText: [{ text: 'Trần ' }, { text: 'Thị Hai' }] }, 'thon tay', null, null, null, 'en'],
      ['024 3825 1234', 'Cơ quan'],
      [],
      ['0912000104', 'Sai thôn', 'Bắc'],
      [84912000105, null, null, null, 'facebook'],
      ['+84912000101', null, null, 'Phụ nữ'],
      [null, 'Không có số'],
    ]);
    const res = await upload(file, 'Danh sách xã.xlsx', XLSX_TYPE, { importId });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: importId,
        fileName: 'Danh sách xã.xlsx',
        status: 'completed',
        rowsRead: 7,
        processedRows: 7,
        totalRows: 7,
        inserted: 2,
        merged: 1,
        rejected: 4,
      }),
    );
    expect(res.body.firstErrors.map((e: { rowNo: number; field: string; rule: string }) => [e.rowNo, e.field, e.rule])).toEqual([
      [4, 'phone', 'landline'],
      [6, 'village', 'not-found'],
      [7, 'consent_source', 'isIn'],
      [9, 'phone', 'required'],
    ]);
    expect(res.body.firstErrors[0].raw).toBe('024 3825 1234,Cơ quan');

    const rows = await api.db.query(
      `SELECT phone, full_name, village_id, tags, consent_source, consent_at, preferred_language FROM subscriber WHERE phone LIKE '+8491200010%' ORDER BY phone`,
    );
    expect(rows).toEqual([
      {
        phone: '+84912000101',
        full_name: 'Nguyễn Văn Một',
        village_id: area.dong.id,
        tags: ['hộ nghèo', 'thanh niên', 'phụ nữ'],
        consent_source: 'paper',
        consent_at: new Date('2024-03-15T01:30:00Z'),
        preferred_language: 'vi',
      },
      expect.objectContaining({ phone: '+84912000102', full_name: 'Trần Thị Hai', village_id: area.tay.id, preferred_language: 'en' }),
    ]);

    const progress = await api.http.get(`/api/v1/subscribers/imports/${importId}`).set('authorization', area.officerA.auth);
    expect(progress.body).toEqual(expect.objectContaining({ status: 'completed', processedRows: 7, totalRows: 7, rejected: 4 }));
    const report = await api.http.get(`/api/v1/subscribers/imports/${importId}/errors.csv`).set('authorization', area.officerA.auth);
    expect(report.headers['content-disposition']).toMatch(/^attachment;.*-loi\.csv/);
    expect(report.text.split('\r\n').filter(Boolean)).toHaveLength(5);
    expect(report.text).toContain('4;phone;landline;');
  });

  it('refuses a file that is neither CSV nor .xlsx, an .xls, a broken workbook and a sheet without a phone column, before any row', async () => {
    const before = await importCount();
    const cases: [Buffer, string, string][] = [
      [Buffer.from('%PDF-1.4'), 'danh-sach.pdf', 'application/pdf'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'danh-sach.xls', 'application/vnd.ms-excel'],
      [Buffer.from('phone\n0912000111\n'), 'danh-sach.xlsx', XLSX_TYPE],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'hong.xlsx', XLSX_TYPE],
      [await workbook([['Họ tên', 'village'], ['An', 'Đông']], false), 'khong-so.xlsx', XLSX_TYPE],
      [await workbook([], false), 'rong.xlsx', XLSX_TYPE],
    ];
    const answers = [];
    for (const [content, filename, type] of cases) {
      const res = await upload(content, filename, type);
      answers.push({ filename, status: res.status, details: res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`) });
    }
    expect(answers).toEqual([
      { filename: 'danh-sach.pdf', status: 400, details: ['file:format'] },
      { filename: 'danh-sach.xls', status: 400, details: ['file:format'] },
      { filename: 'danh-sach.xlsx', status: 400, details: ['file:format'] },
      { filename: 'hong.xlsx', status: 400, details: ['file:format'] },
      { filename: 'khong-so.xlsx', status: 400, details: ['file:header'] },
      { filename: 'rong.xlsx', status: 400, details: ['file:empty'] },
    ]);
    expect(await importCount()).toBe(before);
  });

  it('refuses an importId already used (409 naming it)', async () => {
    const importId = randomUUID();
    const file = await workbook([HEADER, ['0912000121']]);
    expect((await upload(file, 'a.xlsx', XLSX_TYPE, { importId })).status).toBe(201);
    const again = await upload(file, 'a.xlsx', XLSX_TYPE, { importId });
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'importId', rule: 'unique' })]);
  });
});
