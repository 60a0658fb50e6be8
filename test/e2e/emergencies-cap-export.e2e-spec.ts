import { parseCapXml, type CapAlert } from '#emergencies/cap/index.js';
import { validateWithSchema } from '#test/cap-samples.js';
import { bearer, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { officialUnit } from './cap-test-kit.js';
import { registerBoard } from './emergencies-test-kit.js';

const BASE = 'https://tin.example.vn';

/**
 * Every emergency that went out is a CAP 1.2 Alert, each update an Update and the cancellation a
 * Cancel, all valid against the OASIS schema, served one by one and as Atom feeds per unit and subtree.
 */
describe('emergencies as CAP 1.2: alerts and Atom feeds', () => {
  let api: TestApi;
  let province: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let supervisor: TestUser;
  let auth: string;
  let communeEmergency: string;
  let provinceEmergency: string;

  beforeAll(async () => {
    api = await startTestApi({ publicBaseUrl: BASE });
    province = await officialUnit(api.db, '22');
    communeA = await officialUnit(api.db, '06652');
    communeB = await officialUnit(api.db, '06658');
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    auth = await bearer(api.http, supervisor);
    const officerAuth = await bearer(api.http, officer);
    await registerBoard(api, officerAuth, communeA.id);
    await registerBoard(api, officerAuth, communeB.id);
    const send = async (title: string, unitIds: string[]) => {
      const res = await api.http.post('/api/v1/emergencies').set('authorization', auth).send({ title, text: `${title}: người dân theo dõi loa phường.`, unitIds, channels: ['board'], password: supervisor.password });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    communeEmergency = await send('Cảnh báo sạt lở đất', [communeA.id]);
    provinceEmergency = await send('Bão số 3 đổ bộ', [province.id]);
    const changed = (path: string, body: object) => api.http.post(`/api/v1/emergencies/${communeEmergency}/${path}`).set('authorization', auth).send({ ...body, password: supervisor.password });
    expect((await changed('update', { title: 'Cảnh báo sạt lở đất (cập nhật)', body: 'Sạt lở đã lan sang tổ 5; không về nhà.' })).status).toBe(200);
    expect((await changed('cancel', { reason: 'Đã hết nguy cơ sạt lở' })).status).toBe(200);
  });
  afterAll(() => api?.close());

  async function feed(unit: TestUnit, subtree = false): Promise<{ text: string; etag: string; links: string[] }> {
    const res = await api.http.get(`/feeds/units/${unit.id}/cap.atom${subtree ? '?subtree=1' : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    const links = [...res.text.matchAll(/<link rel="alternate" type="application\/cap\+xml" href="([^"]+)"\/>/g)].map((m) => m[1]);
    return { text: res.text, etag: res.headers.etag, links };
  }

  async function alertAt(url: string): Promise<{ xml: string; alert: CapAlert }> {
    expect(url.startsWith(`${BASE}/public/cap/alerts/`)).toBe(true);
    const res = await api.http.get(url.slice(BASE.length)).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/cap+xml; charset=utf-8');
    const parsed = parseCapXml(res.body as string);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return { xml: res.body as string, alert: parsed.alert };
  }

  it('writes the Alert, its Update and its Cancel, each valid against the OASIS CAP 1.2 schema, with references to what came before', async () => {
    const { links } = await feed(communeA);
    const messages = await Promise.all(links.map(alertAt));
    const byType = Object.fromEntries(messages.map((m) => [m.alert.msgType, m.alert]));
    expect(Object.keys(byType).sort()).toEqual(['Alert', 'Cancel', 'Update']);
    expect(validateWithSchema(messages.map((m) => m.xml))).toEqual([]);

    const alert = messages.find((m) => m.alert.msgType === 'Alert' && m.alert.identifier === `tincoso.${communeEmergency}`)!.alert;
    expect(alert).toEqual(expect.objectContaining({ sender: 'tincoso@tin.example.vn', status: 'Actual', scope: 'Public', references: [] }));
    expect(alert.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    const info = alert.infos[0];
    expect(info).toEqual(expect.objectContaining({ language: 'vi-VN', event: 'Cảnh báo sạt lở đất', headline: 'Cảnh báo sạt lở đất', urgency: 'Immediate', severity: 'Severe', certainty: 'Likely' }));
    expect(info.description).toBe('Cảnh báo sạt lở đất: người dân theo dõi loa phường.');
    expect(info.categories).toEqual(['Safety']);
    expect(info.areas).toEqual([expect.objectContaining({ areaDesc: 'Phường Hà Tu', geocodes: [{ valueName: 'VN-DVHC-2025', value: '06652' }] })]);

    const ref = { sender: alert.sender, identifier: alert.identifier, sent: alert.sent };
    const update = byType.Update;
    expect(update.references).toEqual([ref]);
    expect(update.infos[0].headline).toBe('Cảnh báo sạt lở đất (cập nhật)');
    expect(update.infos[0].description).toBe('Sạt lở đã lan sang tổ 5; không về nhà.');
    const cancel = byType.Cancel;
    expect(cancel.references).toEqual([ref, { sender: update.sender, identifier: update.identifier, sent: update.sent }]);
    expect(cancel.infos[0].description).toBe('Đã hết nguy cơ sạt lở');
  });

  it('the schema check is real: a changed message fails it', async () => {
    const { links } = await feed(communeA);
    const { xml } = await alertAt(links[0]);
    expect(validateWithSchema([xml.replace('<scope>Public</scope>', '<scope>Everyone</scope>')])).toHaveLength(1);
  });

  it('keeps each message as first written: same identifiers and documents on every read, no new rows', async () => {
    const first = await feed(communeA, true);
    const [{ n: before }] = await api.db.query(`SELECT count(*)::int AS n FROM cap_message`);
    const again = await feed(communeA, true);
    expect(again.text).toBe(first.text);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM cap_message`))[0].n).toBe(before);
    expect(before).toBe(4);
    const latest = await api.http.get(`/public/cap/emergencies/${communeEmergency}`).buffer(true);
    expect(latest.status).toBe(200);
    expect(String(latest.text ?? latest.body)).toContain('<msgType>Cancel</msgType>');
  });

  it('a unit feed lists what covers the unit (its own and its ancestors\' targets); subtree adds the units under it', async () => {
    const identifiers = (text: string) => [...text.matchAll(/<cap:identifier>([^<]+)<\/cap:identifier>/g)].map((m) => m[1]);
    const ofCommune = (id: string) => `tincoso.${id}`;
    const a = identifiers((await feed(communeA)).text);
    expect(a).toContain(ofCommune(communeEmergency));
    expect(a).toContain(ofCommune(provinceEmergency));
    expect(a).toHaveLength(4);
    const b = identifiers((await feed(communeB)).text);
    expect(b).toEqual([ofCommune(provinceEmergency)]);
    const provinceOnly = identifiers((await feed(province)).text);
    expect(provinceOnly).toEqual([ofCommune(provinceEmergency)]);
    expect(identifiers((await feed(province, true)).text)).toHaveLength(4);
  });

  it('answers 304 to a reader that has the current feed, and 404 for an unknown unit or message', async () => {
    const { etag } = await feed(communeA);
    expect(etag).toBeTruthy();
    const res = await api.http.get(`/feeds/units/${communeA.id}/cap.atom`).set('if-none-match', etag);
    expect(res.status).toBe(304);
    expect((await api.http.get('/feeds/units/00000000-0000-4000-8000-000000000000/cap.atom')).status).toBe(404);
    expect((await api.http.get('/public/cap/alerts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
