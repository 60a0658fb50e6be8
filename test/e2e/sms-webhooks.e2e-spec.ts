import twilio from 'twilio';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

const SMS = 'Lịch tiêm chủng mở rộng tại trạm y tế xã sáng thứ Năm.';

/**
 * The SMS providers' webhooks over HTTP: /api/v1/webhooks/sms/<provider>/status and /inbound for the
 * configured provider (here Twilio, faked), Twilio's older paths as aliases, forged callbacks refused
 * before anything changes, and no webhook at all for a provider this server does not send through.
 */
describe('SMS provider webhooks (Twilio faked at the HTTP boundary)', () => {
  let bed: SmsTestbed;
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Webhook', listen: true });
    api = bed.api;
    base = api.config.publicBaseUrl;
  });
  afterAll(() => bed?.close());
  beforeEach(() => bed.fake.reset());

  /** A commune with `count` subscribers and a broadcast to them, sent: the fake's messages in order. */
  async function sent(name: string, count: number, from: number) {
    const unit: TestUnit = await createUnit(api.db, { name, level: 'commune', parent: bed.province });
    const phones = await createSubscribers(api.db, { unit, count, from });
    const messageId = await createApprovedMessage(api.db, { unit: bed.province, author: bed.officer, approver: bed.supervisor, sms: SMS });
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', bed.officerAuth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(res.status).toBe(201);
    await waitFor(() => deliveryCounts(api.db, res.body.id), (c) => c.sent === count, 20_000, 'every SMS sent');
    const deliveries: { id: string; endpoint: string }[] = await api.db.query(
      `SELECT id::text, endpoint FROM delivery WHERE broadcast_id = $1`,
      [res.body.id],
    );
    const messages = bed.fake.messages.map((m) => ({ ...m, deliveryId: deliveries.find((d) => d.endpoint === m.to)!.id }));
    return { broadcastId: res.body.id as string, phones, messages };
  }

  const statusOf = async (deliveryId: string) =>
    (await api.db.query(`SELECT status, provider_code FROM delivery WHERE id = $1`, [deliveryId]))[0];
  const receiptCount = async () => Number((await api.db.query(`SELECT count(*) FROM delivery_receipt`))[0].count);

  it('writes the provider and the delivery into each status callback URL, and applies reports posted there', async () => {
    const { messages } = await sent('Xã Đường Mới', 2, 3100);
    for (const m of messages) expect(m.statusCallback).toBe(`${base}/api/v1/webhooks/sms/twilio/status?d=${m.deliveryId}`);
    const [a, b] = messages;
    expect((await bed.fake.sendStatusCallback(a.statusCallback as string, { sid: a.sid, status: 'delivered' })).status).toBe(204);
    expect((await bed.fake.sendStatusCallback(b.statusCallback as string, { sid: b.sid, status: 'undelivered', errorCode: '30005' })).status).toBe(204);
    expect(await statusOf(a.deliveryId)).toEqual({ status: 'delivered', provider_code: null });
    expect(await statusOf(b.deliveryId)).toEqual({ status: 'undelivered', provider_code: '30005' });
  });

  it('keeps Twilio\'s older status path working as an alias, delivery id included', async () => {
    const { messages } = await sent('Xã Đường Cũ', 1, 3200);
    const [m] = messages;
    const alias = `${base}/api/v1/webhooks/twilio/status?d=${m.deliveryId}`;
    expect((await bed.fake.sendStatusCallback(alias, { sid: m.sid, status: 'failed', errorCode: '30008' })).status).toBe(204);
    expect(await statusOf(m.deliveryId)).toEqual({ status: 'failed', provider_code: '30008' });
    const kept = await api.db.query(`SELECT provider, status, error_code, payload->>'MessageSid' AS sid FROM delivery_receipt WHERE provider_message_id = $1`, [m.sid]);
    expect(kept).toEqual([{ provider: 'twilio', status: 'failed', error_code: '30008', sid: m.sid }]);
  });

  it('settles only the delivery that holds the provider id when a report names another delivery', async () => {
    const { messages } = await sent('Xã Lệch Mã', 2, 3600);
    const [a, b] = messages;
    // b's send timed out: no provider id, status unknown. A report pairs b's id with a's provider id.
    await api.db.query(`UPDATE delivery SET status = 'unknown', provider_message_id = NULL WHERE id = $1`, [b.deliveryId]);
    const mismatched = `${base}/api/v1/webhooks/sms/twilio/status?d=${b.deliveryId}`;
    expect((await bed.fake.sendStatusCallback(mismatched, { sid: a.sid, status: 'delivered' })).status).toBe(204);
    expect(await statusOf(a.deliveryId)).toEqual({ status: 'delivered', provider_code: null });
    expect(await statusOf(b.deliveryId)).toEqual({ status: 'unknown', provider_code: null });
    const [{ sid }] = await api.db.query(`SELECT provider_message_id AS sid FROM delivery WHERE id = $1`, [b.deliveryId]);
    expect(sid).toBeNull();
    // b's own report still settles it.
    expect((await bed.fake.sendStatusCallback(b.statusCallback as string, { sid: b.sid, status: 'delivered' })).status).toBe(204);
    expect(await statusOf(b.deliveryId)).toEqual({ status: 'delivered', provider_code: null });
  });

  it('refuses a forged, tampered or unsigned callback with 403, on either path, and changes nothing', async () => {
    const { messages } = await sent('Xã Giả Mạo', 1, 3300);
    const [m] = messages;
    const receiptsBefore = await receiptCount();
    const form = new URLSearchParams({ MessageSid: m.sid, MessageStatus: 'failed', ErrorCode: '30003' }).toString();
    for (const url of [m.statusCallback as string, `${base}/api/v1/webhooks/twilio/status?d=${m.deliveryId}`]) {
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90LWEtc2lnbmF0dXJl' },
        body: form,
      });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual(expect.objectContaining({ statusCode: 403, message: 'Chữ ký X-Twilio-Signature không hợp lệ' }));
      const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      expect(unsigned.status).toBe(403);
    }
    // Signed by Twilio for other fields: the signature covers every field and the URL.
    const genuine = { MessageSid: m.sid, MessageStatus: 'delivered' };
    const signature = twilio.getExpectedTwilioSignature(bed.fake.authToken, m.statusCallback as string, genuine);
    const tampered = await fetch(m.statusCallback as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams({ ...genuine, MessageStatus: 'failed' }).toString(),
    });
    expect(tampered.status).toBe(403);
    const elsewhere = await fetch(`${base}/api/v1/webhooks/twilio/status?d=${m.deliveryId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(genuine).toString(),
    });
    expect(elsewhere.status).toBe(403);
    expect(await statusOf(m.deliveryId)).toEqual({ status: 'sent', provider_code: null });
    expect(await receiptCount()).toBe(receiptsBefore);
  });

  it('answers 404 for a provider this server does not send through, registered or not, and reads nothing', async () => {
    const receiptsBefore = await receiptCount();
    for (const provider of ['esms', 'sandbox', 'viettel']) {
      const status = await bed.fake.sendStatusCallback(`${base}/api/v1/webhooks/sms/${provider}/status?d=1`, { sid: 'SM1', status: 'delivered' });
      expect(status.status).toBe(404);
      const inbound = await bed.fake.sendInbound(`${base}/api/v1/webhooks/sms/${provider}/inbound`, { from: '+84912345678', body: 'STOP' });
      expect(inbound.status).toBe(404);
    }
    expect((await fetch(`${base}/api/v1/webhooks/sms/esms/status?SMSID=1`)).status).toBe(404);
    expect(await receiptCount()).toBe(receiptsBefore);
  });

  it('takes a citizen\'s STOP at the generic inbound path and answers in TwiML', async () => {
    const unit = await createUnit(api.db, { name: 'Xã Tin Đến', level: 'commune', parent: bed.province });
    const [phone] = await createSubscribers(api.db, { unit, count: 1, from: 3400 });
    const res = await bed.fake.sendInbound(`${base}/api/v1/webhooks/sms/twilio/inbound`, { from: phone, body: 'STOP' });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Ban da ngung nhan tin nhan thong tin co so\./);
    const [row] = await api.db.query(`SELECT opted_out_at, opt_out_source FROM subscriber WHERE phone = $1`, [phone]);
    expect(row).toEqual({ opted_out_at: expect.any(Date), opt_out_source: 'sms' });
  });
});

describe('SMS provider webhooks with the built-in sandbox', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('has no Twilio webhook, and refuses every callback claiming to be from the sandbox', async () => {
    const form = { MessageSid: 'SANDBOX-1', MessageStatus: 'delivered' };
    expect((await api.http.post('/api/v1/webhooks/twilio/status').type('form').send(form)).status).toBe(404);
    expect((await api.http.post('/api/v1/webhooks/sms/twilio/inbound').type('form').send({ From: '+84912345678', Body: 'STOP' })).status).toBe(404);
    const sandbox = await api.http.post('/api/v1/webhooks/sms/sandbox/status').type('form').send(form);
    expect(sandbox.status).toBe(403);
    expect(sandbox.body).toEqual(expect.objectContaining({ message: 'Chữ ký callback không hợp lệ' }));
    expect(Number((await api.db.query(`SELECT count(*) FROM delivery_receipt`))[0].count)).toBe(0);
  });
});
