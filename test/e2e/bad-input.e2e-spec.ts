import { randomUUID } from 'node:crypto';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { messagePayload, storedFiles, tableCounts, threeTierArea, tinyPng } from './messages-test-kit.js';

/** The bad inputs of issue 13 point 6, one by one: each a 4xx in the one Vietnamese error body, nothing written. */
describe('bad input is refused by name, in Vietnamese, without a write', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof threeTierArea>>;

  beforeAll(async () => {
    api = await startTestApi();
    area = await threeTierArea(api, 'Đầu Vào');
  });
  afterAll(() => api.close());

  const problems = (body: { details: { field: string; rule: string }[] }) => body.details.map((d) => `${d.field}:${d.rule}`);

  it('refuses a NUL in any text field, naming it, and writes nothing', async () => {
    const before = await tableCounts(api.db);
    const res = await api.http
      .post('/api/v1/messages')
      .set('authorization', area.officer.auth)
      .send(messagePayload({ title: 'Thông báo\u0000', renditions: { sms: 'tin\u0000nhan' } }));
    expect(res.status).toBe(400);
    expect(problems(res.body)).toEqual(expect.arrayContaining(['title:noControlCharacters', 'renditions.sms:noControlCharacters']));
    expect(res.body.details[0].message).toBe('chứa ký tự điều khiển không được phép (ví dụ ký tự NUL)');
    const query = await api.http.get('/api/v1/messages?q=a%00b').set('authorization', area.officer.auth);
    expect([query.status, problems(query.body)]).toEqual([400, ['q:noControlCharacters']]);
    expect(await tableCounts(api.db)).toEqual(before);
  });

  it('refuses a __proto__ key like any other unknown field', async () => {
    const raw = JSON.stringify(messagePayload()).replace(/^\{/, '{"__proto__":{"status":"approved"},');
    const res = await api.http.post('/api/v1/messages').set('authorization', area.officer.auth).set('content-type', 'application/json').send(raw);
    expect([res.status, problems(res.body)]).toEqual([400, ['__proto__:unknown-field']]);
  });

  it('refuses a page out of range with a 400 naming page', async () => {
    for (const page of ['99999999999999999999', '1000001', '1e400']) {
      const res = await api.http.get(`/api/v1/messages?page=${page}`).set('authorization', area.officer.auth);
      expect([page, res.status, res.body.details.map((d: { field: string }) => d.field)]).toEqual([page, 400, expect.arrayContaining(['page'])]);
    }
  });

  it('refuses a time without an offset, saying an offset like +07:00 is required', async () => {
    const res = await api.http.get('/api/v1/calendar/occurrences?from=2026-12-01T14:30&to=2026-12-02T00:00:00%2B07:00').set('authorization', area.officer.auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'from', rule: 'isInstant', message: expect.stringContaining('+07:00') },
    ]);
  });

  it('refuses days that do not exist', async () => {
    const res = await api.http.get('/api/v1/activities?from=2026-02-30&to=2026-02-31').set('authorization', area.officer.auth);
    expect([res.status, problems(res.body)]).toEqual([400, ['from:isCalendarDay', 'to:isCalendarDay']]);
    const instant = await api.http.get('/api/v1/calendar/occurrences?from=2026-02-30T00:00:00Z&to=2026-03-02T00:00:00Z').set('authorization', area.officer.auth);
    expect([instant.status, problems(instant.body)]).toEqual([400, ['from:isInstant']]);
  });

  it('refuses a PNG cut to 20 bytes and stores nothing', async () => {
    const before = await tableCounts(api.db);
    const cut = tinyPng().subarray(0, 20);
    const res = await api.http.post('/api/v1/attachments').set('authorization', area.officer.auth).attach('file', cut, { filename: 'anh.png', contentType: 'image/png' });
    expect([res.status, problems(res.body)]).toEqual([400, ['file:imageIntegrity']]);
    expect(res.body.details[0].message).toMatch(/^tệp hình ảnh bị hỏng hoặc không trọn vẹn/);
    expect(await tableCounts(api.db)).toEqual(before);
    expect(storedFiles(api.config.storageDir)).toEqual([]);
    const whole = await api.http.post('/api/v1/attachments').set('authorization', area.officer.auth).attach('file', tinyPng(), { filename: 'anh.png', contentType: 'image/png' });
    expect(whole.status).toBe(201);
  });

  it('answers bad UUIDs, broken JSON, unknown routes and oversized bodies in the Vietnamese error body', async () => {
    const uuid = await api.http.get('/api/v1/channel-accounts/abc').set('authorization', area.officer.auth);
    expect([uuid.status, uuid.body.details]).toEqual([400, [{ field: 'id', rule: 'isUuid', message: 'phải là UUID' }]]);
    const json = await api.http.post('/api/v1/messages').set('authorization', area.officer.auth).set('content-type', 'application/json').send('{"title": ');
    expect(json.status).toBe(400);
    expect(json.body).toEqual(expect.objectContaining({ statusCode: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ', details: [expect.objectContaining({ field: 'body', rule: 'json' })] }));
    const unknown = await api.http.get('/api/v1/khong-co').set('authorization', area.officer.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(expect.objectContaining({ statusCode: 404, error: 'Not Found', message: 'Không tìm thấy địa chỉ được yêu cầu', details: [] }));
    const large = await api.http
      .post('/api/v1/messages')
      .set('authorization', area.officer.auth)
      .send(messagePayload({ body: 'x'.repeat(2 * 1024 * 1024) }));
    expect(large.status).toBe(413);
    expect(large.body).toEqual(expect.objectContaining({ statusCode: 413, message: expect.stringMatching(/^Dữ liệu gửi lên quá lớn/), details: [expect.objectContaining({ rule: 'maxSize' })] }));
  });

  it('shows a citizen a Vietnamese page with 404 for a message that is not published', async () => {
    const res = await api.http.get(`/public/messages/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<title>Không tìm thấy tin</title>');
    const published = await createApprovedMessage(api.db, { unit: area.commune, author: area.officer.user, approver: area.districtSupervisor.user });
    expect((await api.http.get(`/public/messages/${published}`)).status).toBe(404);
  });

  it('rejects an imported row holding a NUL as a row, and imports the others', async () => {
    const csv = ['phone,name', '0912000101,Nguyễn Văn A', '0912000102,Trần\u0000Thị B', '0912000103,Lê Văn C'].join('\n');
    const res = await api.http
      .post('/api/v1/subscribers/imports')
      .set('authorization', area.officer.auth)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'danh-sach.csv', contentType: 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ status: 'completed', inserted: 2, rejected: 1 }));
    expect(res.body.firstErrors).toEqual([expect.objectContaining({ rowNo: 3, field: 'file', rule: 'noControlCharacters', raw: '0912000102,TrầnThị B' })]);
  });
});
