import { randomUUID } from 'node:crypto';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { messagePayload, tableCounts, tinyPng } from './messages-test-kit.js';

/**
 * province ─┬─ district D (supervisor) ─┬─ commune A (officer A)
 *           │                           └─ commune B (officer B)
 *           └─ district E (supervisor)
 * other province (supervisor)
 */
describe('messages and attachments are scoped to the caller’s subtree', () => {
  let api: TestApi;
  const auth: Record<'officerA' | 'officerB' | 'supervisorD' | 'supervisorE' | 'otherProvince', string> = {} as never;
  const units: Record<'province' | 'districtD' | 'communeA' | 'communeB', { id: string }> = {} as never;
  let messageA: string;
  let attachmentA: string;

  const as = (who: keyof typeof auth) => ({
    get: (url: string) => api.http.get(url).set('authorization', auth[who]),
    post: (url: string, body: object = {}) => api.http.post(url).set('authorization', auth[who]).send(body),
    put: (url: string, body: object) => api.http.put(url).set('authorization', auth[who]).send(body),
  });

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Phạm Vi', level: 'province' });
    const districtD = await createUnit(api.db, { name: 'Huyện Đông', level: 'district', parent: province });
    const districtE = await createUnit(api.db, { name: 'Huyện Tây', level: 'district', parent: province });
    const communeA = await createUnit(api.db, { name: 'Xã An', level: 'commune', parent: districtD });
    const communeB = await createUnit(api.db, { name: 'Xã Bình', level: 'commune', parent: districtD });
    const other = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    Object.assign(units, { province, districtD, communeA, communeB });
    const people = {
      officerA: await createUser(api.db, { role: 'officer', unit: communeA }),
      officerB: await createUser(api.db, { role: 'officer', unit: communeB }),
      supervisorD: await createUser(api.db, { role: 'supervisor', unit: districtD }),
      supervisorE: await createUser(api.db, { role: 'supervisor', unit: districtE }),
      otherProvince: await createUser(api.db, { role: 'supervisor', unit: other }),
    };
    for (const [key, user] of Object.entries(people)) auth[key as keyof typeof auth] = await bearer(api.http, user);

    const upload = await api.http.post('/api/v1/attachments').set('authorization', auth.officerA).attach('file', tinyPng(), 'anh.png');
    expect(upload.status).toBe(201);
    attachmentA = upload.body.id;
    const created = await as('officerA').post('/api/v1/messages', messagePayload({ attachmentIds: [attachmentA] }));
    expect(created.status).toBe(201);
    messageA = created.body.id;
    expect((await as('officerA').post(`/api/v1/messages/${messageA}/submit`, { version: 1 })).status).toBe(200);
    await as('officerB').post('/api/v1/messages', messagePayload({ title: 'Chỉ số hài lòng SIPAS', contentGroup: 'par-sipas' }));
  });
  afterAll(() => api.close());

  it('answers 404 to every read of commune A’s message by commune B, exactly as for an id that does not exist', async () => {
    const missing = await as('officerB').get(`/api/v1/messages/${randomUUID()}`);
    expect(missing.status).toBe(404);
    for (const url of [
      `/api/v1/messages/${messageA}`,
      `/api/v1/messages/${messageA}/versions`,
      `/api/v1/messages/${messageA}/versions/1`,
      `/api/v1/messages/${messageA}/audit`,
    ]) {
      const res = await as('officerB').get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect({ ...res.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
    }
    expect(missing.body).toEqual(expect.objectContaining({ statusCode: 404, error: 'Not Found', message: 'Không tìm thấy tin bài', details: [] }));
  });

  it('answers 404 to every write of commune A’s message by commune B, and changes nothing', async () => {
    const before = await tableCounts(api.db);
    const [rowBefore] = await api.db.query(`SELECT status, current_version, row_version FROM message WHERE id = $1`, [messageA]);
    expect((await as('officerB').put(`/api/v1/messages/${messageA}`, messagePayload({ baseVersion: 1 }))).status).toBe(404);
    expect((await as('officerB').post(`/api/v1/messages/${messageA}/submit`, { version: 1 })).status).toBe(404);
    expect((await as('officerB').post(`/api/v1/messages/${messageA}/approve`, { version: 1 })).status).toBe(404);
    expect((await as('officerB').post(`/api/v1/messages/${messageA}/return`, { version: 1, comment: 'không' })).status).toBe(404);
    expect(await tableCounts(api.db)).toEqual(before);
    const [rowAfter] = await api.db.query(`SELECT status, current_version, row_version FROM message WHERE id = $1`, [messageA]);
    expect(rowAfter).toEqual(rowBefore);
  });

  it('refuses approval by a supervisor outside the subtree (sibling district, other province) with 404', async () => {
    for (const who of ['supervisorE', 'otherProvince'] as const) {
      expect((await as(who).post(`/api/v1/messages/${messageA}/approve`, { version: 1 })).status).toBe(404);
      expect((await as(who).get('/api/v1/inbox')).body.total).toBe(0);
    }
    const [{ status }] = await api.db.query(`SELECT status FROM message WHERE id = $1`, [messageA]);
    expect(status).toBe('submitted');
  });

  it('lets the district supervisor approve what its communes submit', async () => {
    const res = await as('supervisorD').post(`/api/v1/messages/${messageA}/approve`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: messageA, status: 'approved', approvedVersion: 1, approvalUnitId: units.districtD.id }));
  });

  it('refuses creating a message for a unit outside the subtree (404) or with another unit’s attachment (400)', async () => {
    const before = await tableCounts(api.db);
    const foreignUnit = await as('officerB').post('/api/v1/messages', messagePayload({ unitId: units.communeA.id }));
    expect(foreignUnit.status).toBe(404);
    expect(foreignUnit.body.message).toBe('Không tìm thấy đơn vị hành chính');
    const parentUnit = await as('officerB').post('/api/v1/messages', messagePayload({ unitId: units.districtD.id }));
    expect(parentUnit.status).toBe(404);
    const foreignFile = await as('officerB').post('/api/v1/messages', messagePayload({ attachmentIds: [attachmentA] }));
    expect(foreignFile.status).toBe(400);
    expect(foreignFile.body.details).toEqual([expect.objectContaining({ field: 'attachmentIds', rule: 'exists' })]);
    expect(await tableCounts(api.db)).toEqual(before);
  });

  it('hides commune A’s attachment and its bytes from commune B', async () => {
    expect((await as('officerB').get(`/api/v1/attachments/${attachmentA}`)).status).toBe(404);
    expect((await as('officerB').get(`/api/v1/attachments/${attachmentA}/content`)).status).toBe(404);
    expect((await as('supervisorD').get(`/api/v1/attachments/${attachmentA}`)).status).toBe(200);
    const upload = await api.http
      .post('/api/v1/attachments')
      .set('authorization', auth.officerB)
      .field('unitId', units.communeA.id)
      .attach('file', tinyPng(2), 'anh.png');
    expect(upload.status).toBe(404);
  });

  it('lists only the subtree: each commune its own, the district both, with filters', async () => {
    const ids = async (who: keyof typeof auth, query = '') =>
      (await as(who).get(`/api/v1/messages${query}`)).body.items.map((m: { unitId: string }) => m.unitId);
    expect(await ids('officerA')).toEqual([units.communeA.id]);
    expect(await ids('officerB')).toEqual([units.communeB.id]);
    expect((await ids('supervisorD')).sort()).toEqual([units.communeA.id, units.communeB.id].sort());
    expect(await ids('supervisorE')).toEqual([]);
    expect(await ids('supervisorD', `?unitId=${units.communeA.id}`)).toEqual([units.communeA.id]);
    expect(await ids('supervisorD', '?status=approved')).toEqual([units.communeA.id]);
    expect(await ids('supervisorD', '?contentGroup=par-sipas')).toEqual([units.communeB.id]);
    expect(await ids('supervisorD', `?q=${encodeURIComponent('NOP HO SO dat dai')}`)).toEqual([units.communeA.id]);
    expect(await ids('supervisorD', `?q=${encodeURIComponent('hài lòng')}`)).toEqual([units.communeB.id]);
    expect(await ids('supervisorD', '?q=100%25')).toEqual([]);
    // A bare % is text to find, not a wildcard: unescaped it would match every title.
    expect(await ids('supervisorD', '?q=%25')).toEqual([]);
    const page = await as('supervisorD').get('/api/v1/messages?pageSize=1&page=2');
    expect(page.body).toEqual(expect.objectContaining({ total: 2, page: 2, pageSize: 1, items: [expect.any(Object)] }));
    expect(page.body.items[0].version).not.toHaveProperty('body');
  });
});
