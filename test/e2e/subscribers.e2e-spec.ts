import twilio from 'twilio';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { inboundSms, signedInbound, subscriberArea, twilioInboundConfig, INBOUND_PATH, TWILIO_TEST_TOKEN } from './subscribers-test-kit.js';

describe('subscribers over HTTP: records, scope, opt-out and opt-in by API and by SMS keyword', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof subscriberArea>>;

  beforeAll(async () => {
    api = await startTestApi(twilioInboundConfig());
    area = await subscriberArea(api, 'Nhận tin');
  });
  afterAll(() => api.close());

  const as = (who: { auth: string }) => ({
    post: (url: string, body: object = {}) => api.http.post(url).set('authorization', who.auth).send(body),
    patch: (url: string, body: object) => api.http.patch(url).set('authorization', who.auth).send(body),
    get: (url: string, query: Record<string, string | number | boolean> = {}) => api.http.get(url).query(query).set('authorization', who.auth),
  });
  const row = async (id: string) =>
    (await api.db.query(`SELECT phone, full_name, tags, opted_out_at, opt_out_source, consent_source FROM subscriber WHERE id = $1`, [id]))[0];
  const audits = (id: string) =>
    api.db.query(`SELECT action, actor_id, data FROM audit_event WHERE entity_type = 'subscriber' AND entity_id = $1 ORDER BY id`, [id]);

  let an: { id: string };

  it('creates a subscriber: number in E.164, name in NFC, tags in one spelling, village under the commune, audited', async () => {
    const res = await as(area.officerA).post('/api/v1/subscribers', {
      phone: '0912 345 678',
      unitId: area.communeA.id,
      villageId: area.dong.id,
      fullName: 'Nguye\u0302\u0303n  Văn An',
      tags: ['Hộ nghèo', 'thanh niên', 'hộ nghèo'],
      consentSource: 'paper',
      consentAt: '2024-03-15T08:30:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      phone: '+84912345678',
      fullName: 'Nguyễn Văn An',
      unitId: area.communeA.id,
      unitName: area.communeA.name,
      villageId: area.dong.id,
      villageName: 'Đông',
      tags: ['hộ nghèo', 'thanh niên'],
      consentSource: 'paper',
      consentAt: '2024-03-15T01:30:00.000Z',
      preferredLanguage: 'vi',
      optedOut: false,
      optedOutAt: null,
      optOutSource: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    an = res.body;
    expect(await audits(an.id)).toEqual([
      { action: 'create', actor_id: area.officerA.user.id, data: { phone: '+84912345678', consentSource: 'paper', consentAt: '2024-03-15T01:30:00.000Z' } },
    ]);
  });

  it('refuses a number already subscribed, however it is spelled, with 409 naming the phone', async () => {
    const res = await as(area.supervisor).post('/api/v1/subscribers', { phone: '+84 91 234 5678', unitId: area.communeB.id, consentSource: 'officer' });
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'phone', rule: 'unique' })]);
  });

  it('converts a legacy eleven-digit number and says which rule a bad field breaks', async () => {
    const legacy = await as(area.officerA).post('/api/v1/subscribers', { phone: '0168 345 6789', unitId: area.communeA.id, consentSource: 'form' });
    expect(legacy.status).toBe(201);
    expect(legacy.body.phone).toBe('+84383456789');

    const cases: [object, string, string][] = [
      [{ phone: '024 3825 1234' }, 'phone', 'landline'],
      [{ phone: '0912 34' }, 'phone', 'too-short'],
      [{ villageId: area.dong.id, unitId: area.communeB.id }, 'villageId', 'village'],
      [{ unitId: area.dong.id }, 'unitId', 'not-village'],
      [{ consentSource: 'facebook' }, 'consentSource', 'isIn'],
      [{ consentAt: '2999-01-01T00:00:00Z' }, 'consentAt', 'future'],
      [{ preferredLanguage: 'Tiếng Việt' }, 'preferredLanguage', 'matches'],
      [{ optedOutAt: '2024-01-01' }, 'optedOutAt', 'unknown-field'],
    ];
    for (const [patch, field, rule] of cases) {
      const res = await as(area.supervisor).post('/api/v1/subscribers', { phone: '0987 654 321', unitId: area.communeA.id, consentSource: 'form', ...patch });
      expect({ status: res.status, details: res.body.details }).toEqual({ status: 400, details: [expect.objectContaining({ field, rule })] });
    }
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM subscriber WHERE phone = '+84987654321'`);
    expect(n).toBe(0);
  });

  it('answers 404 for anything outside the caller subtree, as if it did not exist', async () => {
    const b = as(area.officerB);
    expect((await b.get(`/api/v1/subscribers/${an.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v1/subscribers/${an.id}`, { fullName: 'X' })).status).toBe(404);
    expect((await b.post(`/api/v1/subscribers/${an.id}/opt-out`)).status).toBe(404);
    expect((await b.post('/api/v1/subscribers', { phone: '0977 000 111', unitId: area.communeA.id, consentSource: 'form' })).status).toBe(404);
    expect((await b.get('/api/v1/subscribers', { unitId: area.communeA.id })).status).toBe(404);
    expect((await b.get('/api/v1/subscribers')).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await as(area.outsider).get('/api/v1/subscribers', { q: '0912' })).body.total).toBe(0);
    expect((await row(an.id)).full_name).toBe('Nguyễn Văn An');
  });

  it('searches by name ignoring diacritics, by part of the number, by tag, village, unit and opt-out state', async () => {
    await as(area.supervisor).post('/api/v1/subscribers', { phone: '0355 111 222', unitId: area.communeB.id, fullName: 'Trần Thị Bình', consentSource: 'officer' });
    const list = (query: Record<string, string | number | boolean>) => as(area.supervisor).get('/api/v1/subscribers', query);
    const phones = async (query: Record<string, string | number | boolean>) => (await list(query)).body.items.map((s: { phone: string }) => s.phone);

    expect(await phones({ q: 'nguyen van' })).toEqual(['+84912345678']);
    expect(await phones({ q: 'NGUYỄN' })).toEqual(['+84912345678']);
    expect(await phones({ q: 'tran thi binh' })).toEqual(['+84355111222']);
    expect(await phones({ q: '0912 345' })).toEqual(['+84912345678']);
    expect(await phones({ q: '+84 383' })).toEqual(['+84383456789']);
    // LIKE wildcards in the search text are matched literally, never as "any name".
    expect(await phones({ q: '%' })).toEqual([]);
    expect(await phones({ q: 'Nguy_n' })).toEqual([]);
    expect(await phones({ tag: 'Hộ Nghèo' })).toEqual(['+84912345678']);
    expect(await phones({ villageId: area.dong.id })).toEqual(['+84912345678']);
    expect(await phones({ unitId: area.communeB.id })).toEqual(['+84355111222']);
    expect(await phones({ optedOut: true })).toEqual([]);
    const all = await list({ pageSize: 2, page: 2 });
    expect(all.body).toEqual(expect.objectContaining({ total: 3, page: 2, pageSize: 2 }));
    expect(all.body.items).toHaveLength(1);
    expect((await list({ optedOut: 'maybe' })).status).toBe(400);
  });

  it('updates name, tags and village, moves within the subtree dropping a village that does not follow, audited', async () => {
    const a = as(area.officerA);
    const changed = await a.patch(`/api/v1/subscribers/${an.id}`, { tags: ['Nông dân'], villageId: area.tay.id, preferredLanguage: 'hmn' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(expect.objectContaining({ tags: ['nông dân'], villageId: area.tay.id, villageName: 'Tây', preferredLanguage: 'hmn' }));
    expect((await a.patch(`/api/v1/subscribers/${an.id}`, { phone: '0900000000' })).status).toBe(400);
    expect((await a.patch(`/api/v1/subscribers/${an.id}`, { unitId: null })).status).toBe(400);

    const moved = await as(area.supervisor).patch(`/api/v1/subscribers/${an.id}`, { unitId: area.communeB.id });
    expect(moved.body).toEqual(expect.objectContaining({ unitId: area.communeB.id, villageId: null }));
    expect((await a.get(`/api/v1/subscribers/${an.id}`)).status).toBe(404);
    const back = await as(area.supervisor).patch(`/api/v1/subscribers/${an.id}`, { unitId: area.communeA.id, villageId: area.dong.id, fullName: null });
    expect(back.body).toEqual(expect.objectContaining({ unitId: area.communeA.id, villageId: area.dong.id, fullName: null }));
    const updates = (await audits(an.id)).filter((e: { action: string }) => e.action === 'update');
    expect(updates).toHaveLength(3);
    expect(updates[1].data.changes).toEqual({
      unitId: { from: area.communeA.id, to: area.communeB.id },
      villageId: { from: area.tay.id, to: null },
    });
  });

  it('opts out through the API at once, idempotently, and audits only the change', async () => {
    const a = as(area.officerA);
    const out = await a.post(`/api/v1/subscribers/${an.id}/opt-out`);
    expect(out.status).toBe(200);
    expect(out.body).toEqual(expect.objectContaining({ optedOut: true, optOutSource: 'officer', optedOutAt: expect.any(String) }));
    const again = await a.post(`/api/v1/subscribers/${an.id}/opt-out`);
    expect(again.body.optedOutAt).toBe(out.body.optedOutAt);
    expect((await audits(an.id)).filter((e: { action: string }) => e.action === 'opt-out')).toEqual([
      { action: 'opt-out', actor_id: area.officerA.user.id, data: { source: 'api' } },
    ]);
    expect((await as(area.supervisor).get('/api/v1/subscribers', { optedOut: true })).body.items.map((s: { id: string }) => s.id)).toEqual([an.id]);
  });

  it('refuses a forged or missing Twilio signature with 403 and changes nothing', async () => {
    const before = await row(an.id);
    const forged = await signedInbound(api, inboundSms('+84912345678', 'DK'), 'not-the-real-token-000000');
    expect(forged.status).toBe(403);
    const unsigned = await api.http.post(INBOUND_PATH).type('form').send(inboundSms('+84912345678', 'DK'));
    expect(unsigned.status).toBe(403);
    const signed = inboundSms('+84912345678', 'cam on');
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TEST_TOKEN, `${api.config.publicBaseUrl}${INBOUND_PATH}`, signed);
    const tampered = await api.http.post(INBOUND_PATH).type('form').set('x-twilio-signature', signature).send({ ...signed, Body: 'DK' });
    expect(tampered.status).toBe(403);
    expect(forged.body).toEqual(expect.objectContaining({ statusCode: 403, message: 'Chữ ký X-Twilio-Signature không hợp lệ' }));
    expect(await row(an.id)).toEqual(before);
  });

  it('takes STOP after an API opt-out as already done, START opts back in by SMS, audited without an actor', async () => {
    const stop = await signedInbound(api, inboundSms('+84912345678', 'STOP'));
    expect(stop.status).toBe(200);
    expect(stop.headers['content-type']).toMatch(/^text\/xml/);
    expect(stop.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>So cua ban da ngung nhan tin nhan thong tin co so truoc do. Soan DK gui so nay neu muon nhan lai.</Message></Response>',
    );
    expect((await row(an.id)).opt_out_source).toBe('officer');

    const start = await signedInbound(api, inboundSms('+84912345678', 'start'));
    expect(start.text).toContain('<Message>Ban da dang ky nhan lai tin nhan thong tin co so.');
    expect(await row(an.id)).toEqual(expect.objectContaining({ opted_out_at: null, opt_out_source: null, consent_source: 'sms' }));
    expect((await audits(an.id)).at(-1)).toEqual({ action: 'opt-in', actor_id: null, data: { source: 'sms' } });
  });

  it('honours HỦY and TỪ CHỐI from a legacy-number sender at once, and answers other text with the keywords', async () => {
    const legacy = (await api.db.query(`SELECT id FROM subscriber WHERE phone = '+84383456789'`))[0].id;
    const huy = await signedInbound(api, inboundSms('+84383456789', ' Hủy! '));
    expect(huy.text).toContain('<Message>Ban da ngung nhan tin nhan thong tin co so.');
    expect(await row(legacy)).toEqual(expect.objectContaining({ opted_out_at: expect.any(Date), opt_out_source: 'sms' }));
    expect((await signedInbound(api, inboundSms('+84383456789', 'TỪ CHỐI'))).text).toContain('truoc do');
    expect((await signedInbound(api, inboundSms('+84383456789', 'ĐK'))).text).toContain('dang ky nhan lai');
    expect((await row(legacy)).opted_out_at).toBeNull();

    const chat = await signedInbound(api, inboundSms('+84383456789', 'tôi không muốn hủy'));
    expect(chat.text).toContain('HUY (ngung nhan tin) hoac DK (dang ky nhan lai)');
    expect((await row(legacy)).opted_out_at).toBeNull();
  });

  it('records nothing for a number that is not subscribed, but answers politely', async () => {
    const [{ before }] = await api.db.query(`SELECT count(*)::int AS before FROM audit_event`);
    const optIn = await signedInbound(api, inboundSms('+84977000111', 'DK'));
    expect(optIn.status).toBe(200);
    expect(optIn.text).toContain('chua co trong danh sach nhan tin. Vui long lien he UBND xa, phuong');
    const foreign = await signedInbound(api, inboundSms('+14155550100', 'STOP'));
    expect(foreign.text).toContain('khong co trong danh sach');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM subscriber WHERE phone = '+84977000111'`);
    const [{ after }] = await api.db.query(`SELECT count(*)::int AS after FROM audit_event`);
    expect({ n, after }).toEqual({ n: 0, after: before });
  });

  it('opts back in through the API with a fresh consent', async () => {
    await as(area.officerA).post(`/api/v1/subscribers/${an.id}/opt-out`);
    const res = await as(area.officerA).post(`/api/v1/subscribers/${an.id}/opt-in`, { consentSource: 'paper' });
    expect(res.body).toEqual(expect.objectContaining({ optedOut: false, optedOutAt: null, consentSource: 'paper' }));
    expect(Date.now() - new Date(res.body.consentAt).getTime()).toBeLessThan(60_000);
  });
});

describe('the inbound webhook without Twilio', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('does not exist (404), even with a signature', async () => {
    const res = await signedInbound(api, inboundSms('+84912345678', 'STOP'));
    expect(res.status).toBe(404);
  });
});
