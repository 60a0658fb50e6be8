import { startTestApi, type TestApi } from '#test/test-api.js';
import { subscriberArea } from './subscribers-test-kit.js';

describe('subscriber list: sort in Vietnamese order, search and filters together', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof subscriberArea>>;

  beforeAll(async () => {
    api = await startTestApi();
    area = await subscriberArea(api, 'Sắp Xếp');
    const people: [string, string | undefined, string[]][] = [
      ['0912000301', 'Đức', ['hộ nghèo']],
      ['0912000302', 'Ánh', []],
      ['0912000303', undefined, ['hộ nghèo']],
      ['0912000304', 'Dũng', []],
      ['0912000305', 'Bình', ['hộ nghèo']],
    ];
    for (const [phone, fullName, tags] of people) {
      const res = await api.http
        .post('/api/v1/subscribers')
        .set('authorization', area.officerA.auth)
        .send({ phone, fullName, tags, unitId: area.communeA.id, consentSource: 'officer' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => api.close());

  const names = async (query: Record<string, string | boolean>) => {
    const res = await api.http.get('/api/v1/subscribers').query(query).set('authorization', area.officerA.auth);
    expect(res.status).toBe(200);
    return res.body.items.map((s: { fullName: string | null }) => s.fullName);
  };

  it('sorts by name in Vietnamese alphabetical order (Á before B, D before Đ), nameless last either way', async () => {
    expect(await names({ sort: 'fullName' })).toEqual(['Ánh', 'Bình', 'Dũng', 'Đức', null]);
    expect(await names({ sort: '-fullName' })).toEqual(['Đức', 'Dũng', 'Bình', 'Ánh', null]);
  });

  it('sorts by number and by creation, and combines a tag with the sort', async () => {
    expect(await names({ sort: '-phone' })).toEqual(['Bình', 'Dũng', null, 'Ánh', 'Đức']);
    expect(await names({})).toEqual(['Bình', 'Dũng', null, 'Ánh', 'Đức']);
    expect(await names({ tag: 'hộ nghèo', sort: 'fullName', optedOut: false })).toEqual(['Bình', 'Đức', null]);
    expect(await names({ q: 'duc' })).toEqual(['Đức']);
  });

  it('refuses an unknown sort, naming the field', async () => {
    const res = await api.http.get('/api/v1/subscribers').query({ sort: 'tags' }).set('authorization', area.officerA.auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'sort', rule: 'isIn' })]);
  });
});
