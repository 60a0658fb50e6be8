import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { esmsBehaviours, reportUrl, type FakeEsmsServer } from '../fakes/fake-esms.server.js';
import { startEsmsTestbed, type EsmsTestbed } from './sms-esms-testbed.js';

/** Matches the province's template once sent "không dấu". */
const SMS = 'UBND xã Tân Lập thông báo: họp dân lúc 8h sáng thứ Bảy tại nhà văn hoá thôn.';
const SENT = 'UBND xa Tan Lap thong bao: hop dan luc 8h sang thu Bay tai nha van hoa thon.';
const PROFILE = { brandname: 'UBND-TINH', unicodeAllowed: false, templates: ['UBND xa {ten_xa} thong bao: {noi_dung}'] };

describe('SMS broadcasts through eSMS.vn (local fake eSMS, brandname per province)', () => {
  let bed: EsmsTestbed;
  let fake: FakeEsmsServer;
  let api: TestApi;
  let communeNo = 0;

  beforeAll(async () => {
    bed = await startEsmsTestbed('Tỉnh Brandname');
    ({ fake, api } = bed);
    const res = await api.http.put(`/api/v1/sms-senders/${bed.province.id}/esms`).set('authorization', bed.supervisorAuth).send(PROFILE);
    expect(res.status).toBe(200);
  });
  afterAll(() => bed?.close());
  beforeEach(() => fake.reset());

  async function commune(subscribers: number): Promise<{ unit: TestUnit; phones: string[] }> {
    communeNo += 1;
    const unit = await createUnit(api.db, { name: `Xã eSMS ${communeNo}`, level: 'commune', parent: bed.province });
    return { unit, phones: await createSubscribers(api.db, { unit, count: subscribers, from: 5000 + communeNo * 100 }) };
  }

  async function post(unit: TestUnit, options: { sms?: string; withoutDiacritics?: boolean; messageUnit?: TestUnit; auth?: string } = {}) {
    const messageId = await createApprovedMessage(api.db, { unit: options.messageUnit ?? bed.province, author: bed.officer, approver: bed.officer, sms: options.sms ?? SMS });
    return api.http
      .post('/api/v1/broadcasts')
      .set('authorization', options.auth ?? bed.officerAuth)
      .send({
        messageId,
        channels: ['sms'],
        targets: { unitIds: [unit.id] },
        schedule: { kind: 'once', at: new Date().toISOString() },
        smsWithoutDiacritics: options.withoutDiacritics ?? true,
      });
  }

  async function schedule(unit: TestUnit): Promise<string> {
    const res = await post(unit);
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const settled = (id: string, total: number) =>
    waitFor(
      () => deliveryCounts(api.db, id),
      (c) => Object.entries(c).filter(([s]) => s !== 'planned' && s !== 'sending').reduce((n, [, v]) => n + v, 0) === total,
      20_000,
      'every delivery settled',
    );

  const byPhone = async (id: string) => {
    const rows: { endpoint: string; status: string; provider_code: string | null; provider_message_id: string | null; attempts: number }[] = await api.db.query(
      `SELECT endpoint, status, provider_code, provider_message_id, attempts FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    return Object.fromEntries(rows.map((r) => [`0${r.endpoint.slice(3)}`, r]));
  };

  it('sends each SMS under the province brandname, "không dấu", and applies the delivery reports', async () => {
    const { unit, phones } = await commune(3);
    const id = await schedule(unit);
    expect(await settled(id, 3)).toEqual({ sent: 3 });
    expect(fake.messages.map((m) => m.phone).sort()).toEqual(phones.map((p) => `0${p.slice(3)}`).sort());
    expect(fake.messages.every((m) => m.brandname === 'UBND-TINH' && m.smsType === '2' && m.isUnicode === '0' && m.content === SENT)).toBe(true);

    const [first, second] = fake.messages;
    expect((await fake.report(first, 'delivered')).status).toBe(204);
    expect((await fake.report(second, 'failed')).status).toBe(204);
    // A late "still waiting for the carrier" report never moves a delivery back.
    expect((await fake.report(first, 'pending')).status).toBe(204);
    const rows = await byPhone(id);
    expect(rows[first.phone]).toEqual(expect.objectContaining({ status: 'delivered', provider_message_id: first.smsId }));
    expect(rows[second.phone]).toEqual(expect.objectContaining({ status: 'undelivered', provider_code: 'esms-send-failed' }));
    expect(rows[fake.messages[2].phone].status).toBe('sent');
    // Receipts are kept as eSMS sent them, less the callback secret.
    const [receipt] = await api.db.query(`SELECT payload FROM delivery_receipt WHERE provider_message_id = $1 ORDER BY id LIMIT 1`, [first.smsId]);
    expect(receipt.payload).toEqual(expect.objectContaining({ SMSID: first.smsId, SendStatus: '5', SendSuccess: '1' }));
    expect(receipt.payload).not.toHaveProperty('t');
  });

  it('refuses reports without the callback secret or with a wrong one (403), and nothing changes', async () => {
    const { unit } = await commune(1);
    const id = await schedule(unit);
    await settled(id, 1);
    const [message] = fake.messages;
    const genuine = new URL(reportUrl(message.callbackUrl as string, message, 'failed'));
    const wrong = new URL(genuine);
    wrong.searchParams.set('t', 'forged-forged-forged-forged-forged-forged');
    const missing = new URL(genuine);
    missing.searchParams.delete('t');
    expect((await fetch(wrong)).status).toBe(403);
    expect((await fetch(missing)).status).toBe(403);
    expect((await fetch(missing, { method: 'POST' })).status).toBe(403);
    expect((await byPhone(id))[message.phone].status).toBe('sent');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM delivery_receipt WHERE provider_message_id = $1`, [message.smsId]);
    expect(n).toBe(0);
  });

  it('retries eSMS throttling (HTTP 429) until the message goes', async () => {
    const { unit, phones } = await commune(1);
    fake.enqueue(esmsBehaviours.throttle(0), esmsBehaviours.throttle(0));
    const id = await schedule(unit);
    expect(await settled(id, 1)).toEqual({ sent: 1 });
    expect(fake.requests).toHaveLength(3);
    expect(fake.messages).toHaveLength(1);
    expect((await byPhone(id))[`0${phones[0].slice(3)}`].attempts).toBe(3);
  });

  it('fails an invalid number permanently on its first answer (108), without retrying', async () => {
    const { unit, phones } = await commune(2);
    const bad = `0${phones[0].slice(3)}`;
    fake.forPhone(bad, esmsBehaviours.invalidNumber());
    const id = await schedule(unit);
    expect(await settled(id, 2)).toEqual({ sent: 1, failed: 1 });
    const rows = await byPhone(id);
    expect(rows[bad]).toEqual(expect.objectContaining({ status: 'failed', provider_code: '108', attempts: 1 }));
    const [{ failure_reason }] = await api.db.query(`SELECT failure_reason FROM delivery WHERE broadcast_id = $1 AND status = 'failed'`, [id]);
    expect(failure_reason).toBe('invalid-endpoint');
    expect(fake.requests.filter((r) => r.Phone === bad)).toHaveLength(1);
  });

  it('marks a send whose answer never came unknown, sends it no second time, and lets its report settle it', async () => {
    const { unit } = await commune(1);
    fake.enqueue(esmsBehaviours.hang(4_000));
    const id = await schedule(unit);
    expect(await settled(id, 1)).toEqual({ unknown: 1 });
    const [message] = fake.messages;
    expect((await fake.report(message, 'delivered')).status).toBe(204);
    expect((await byPhone(id))[message.phone]).toEqual(expect.objectContaining({ status: 'delivered', provider_message_id: message.smsId }));
    expect(fake.messages).toHaveLength(1);
  });

  describe('validation against the province route', () => {
    const rules = (res: { status: number; body: { details?: { field: string; rule: string }[] } }) => {
      expect(res.status).toBe(400);
      return (res.body.details ?? []).map((d) => `${d.field}:${d.rule}`);
    };

    it('refuses a text that matches no registered template', async () => {
      const { unit } = await commune(1);
      expect(rules(await post(unit, { sms: 'Mời bà con đi chợ phiên cuối tuần.' }))).toEqual(['channels[0]:brandname-template']);
    });

    it('refuses Unicode on a route that forbids it, with a Vietnamese hint to send "không dấu"', async () => {
      const { unit } = await commune(1);
      const res = await post(unit, { withoutDiacritics: false });
      expect(rules(res)).toContain('channels[0]:brandname-unicode');
      expect(JSON.stringify(res.body)).toContain('không dấu');
    });

    it('refuses a province that registered no brandname', async () => {
      const other = await createUnit(api.db, { name: 'Tỉnh Chưa Đăng Ký', level: 'province' });
      const unit = await createUnit(api.db, { name: 'Xã Chưa Đăng Ký', level: 'commune', parent: other });
      await createSubscribers(api.db, { unit, count: 1, from: 9900 });
      const auth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: other }));
      const res = await post(unit, { messageUnit: other, auth });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'channels[0]', rule: 'brandname' })]));
      // The wizard says so before the officer gets that far.
      const messageId = await createApprovedMessage(api.db, { unit: other, author: bed.officer, approver: bed.officer, sms: SMS });
      const ready = await api.http.post('/api/v1/broadcasts/readiness').set('authorization', auth).send({ messageId, targets: { unitIds: [unit.id] } });
      expect(ready.body).toEqual(
        expect.arrayContaining([{ channel: 'sms', ready: false, reasons: ['Tỉnh của đơn vị chưa khai báo brandname SMS với nhà cung cấp đang dùng'] }]),
      );
    });
  });

  it('lets only the province supervisors and admins change its sender', async () => {
    const officerPut = await api.http.put(`/api/v1/sms-senders/${bed.province.id}/esms`).set('authorization', bed.officerAuth).send(PROFILE);
    expect(officerPut.status).toBe(403);
    const read = await api.http.get(`/api/v1/sms-senders/${bed.province.id}/esms`).set('authorization', bed.officerAuth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(expect.objectContaining({ unitId: bed.province.id, provider: 'esms', ...PROFILE }));
    const unicodeTemplate = await api.http
      .put(`/api/v1/sms-senders/${bed.province.id}/esms`)
      .set('authorization', bed.supervisorAuth)
      .send({ ...PROFILE, templates: ['UBND xã {x} thông báo: {y}'] });
    expect(rules400(unicodeTemplate)).toEqual(['templates[0]:brandname-unicode']);
  });
});

function rules400(res: { status: number; body: { details?: { field: string; rule: string }[] } }): string[] {
  expect(res.status).toBe(400);
  return (res.body.details ?? []).map((d) => `${d.field}:${d.rule}`);
}
