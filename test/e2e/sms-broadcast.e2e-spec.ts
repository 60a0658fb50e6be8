import type { INestApplicationContext } from '@nestjs/common';
import { formatWallTime } from '#domain/index.js';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { behaviours, type FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

const SMS = 'Bộ phận một cửa UBND xã làm việc sáng thứ Bảy (7h30-11h30).';

describe('SMS broadcasts through Twilio (real SDK, local fake Twilio)', () => {
  let bed: SmsTestbed;
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let province: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let officerAuth: string;
  let supervisorAuth: string;

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Thử', listen: true });
    ({ fake, api, worker, province, officer, supervisor, officerAuth, supervisorAuth } = bed);
  });
  afterAll(() => bed?.close());
  beforeEach(() => fake.reset());

  async function commune(name: string, subscribers: number, from: number): Promise<{ unit: TestUnit; phones: string[] }> {
    const unit = await createUnit(api.db, { name, level: 'commune', parent: province });
    return { unit, phones: await createSubscribers(api.db, { unit, count: subscribers, from }) };
  }

  async function schedule(unit: TestUnit, at = new Date(), auth = officerAuth): Promise<string> {
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: SMS });
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', auth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: at.toISOString() } });
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

  it('previews recipients, SMS parts and cost before scheduling, writing nothing', async () => {
    const { unit } = await commune('Xã Xem Trước', 7, 9000);
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: SMS });
    const at = new Date(Date.now() + 3_600_000);
    const res = await api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', officerAuth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: at.toISOString() } });
    expect(res.status).toBe(200);
    expect(res.body.recipients).toEqual({ sms: 7 });
    const text = SMS.normalize('NFC');
    expect(res.body.sms).toEqual({ text, encoding: 'UCS-2', characters: text.length, parts: 1, perPart: 70, maxParts: 3 });
    expect(res.body.estimatedCost).toEqual({ currency: 'VND', perPart: 800, perOccurrence: 7 * 800, total: 7 * 800 });
    expect(res.body.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(res.body.occurrences).toEqual([{ at: at.toISOString(), local: formatWallTime(at, 'Asia/Ho_Chi_Minh') }]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM broadcast`);
    expect(n).toBe(0);
  });

  it('sends exactly one SMS to each subscriber and none to opted-out numbers', async () => {
    const { unit, phones } = await commune('Xã Một Lần', 40, 1000);
    const optedOut = await createSubscribers(api.db, { unit, count: 3, from: 1900, optedOut: true });
    const id = await schedule(unit);
    const counts = await settled(id, 40);
    expect(counts).toEqual({ sent: 40 });
    const received = fake.messages.map((m) => m.to).sort();
    expect(received).toEqual([...phones].sort());
    expect(received.filter((to) => optedOut.includes(to))).toEqual([]);
    expect(fake.messages.every((m) => m.body === SMS.normalize('NFC'))).toBe(true);
    const progress = await api.http.get(`/api/v1/broadcasts/${id}/progress`).set('authorization', officerAuth);
    expect(progress.body).toEqual(expect.objectContaining({ total: 40, byStatus: { sent: 40 } }));
  });

  it('planning an occurrence twice writes no second delivery and sends nothing again', async () => {
    const { unit } = await commune('Xã Hai Lần', 12, 1500);
    const id = await schedule(unit);
    await settled(id, 12);
    const [occ] = await api.db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1`, [id]);
    // As if the planner had died before recording any channel: each part finds its rows written.
    await api.db.query(`UPDATE occurrence SET status = 'pending', planned_channels = '{}' WHERE id = $1`, [occ.id]);
    const again = await worker.get(OccurrencePlannerService).run(occ.id);
    expect(again).toEqual({ kind: 'planned', channels: [expect.objectContaining({ channel: 'sms', deliveries: 0, batches: 0 })] });
    // With its channels recorded, a resumed run only completes the occurrence.
    await api.db.query(`UPDATE occurrence SET status = 'pending' WHERE id = $1`, [occ.id]);
    expect(await worker.get(OccurrencePlannerService).run(occ.id)).toEqual({ kind: 'planned', channels: [] });
    expect((await api.db.query(`SELECT status FROM occurrence WHERE id = $1`, [occ.id]))[0].status).toBe('planned');
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveryCounts(api.db, id)).toEqual({ sent: 12 });
    expect(fake.messages).toHaveLength(12);
  });

  it('applies signed status callbacks, refuses forged ones, and never moves a delivery backwards', async () => {
    const { unit } = await commune('Xã Biên Nhận', 3, 2000);
    const id = await schedule(unit);
    await settled(id, 3);
    const [first, second] = fake.messages;
    expect((await fake.sendStatusCallback(first.statusCallback as string, { sid: first.sid, status: 'delivered' })).status).toBe(204);
    expect((await fake.sendStatusCallback(first.statusCallback as string, { sid: first.sid, status: 'sent' })).status).toBe(204);
    expect((await fake.sendStatusCallback(second.statusCallback as string, { sid: second.sid, status: 'undelivered', errorCode: '30003' })).status).toBe(204);
    const forged = await fetch(first.statusCallback as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ MessageSid: fake.messages[2].sid, MessageStatus: 'failed' }).toString(),
    });
    expect(forged.status).toBe(403);
    const rows: { endpoint: string; status: string; provider_code: string | null }[] = await api.db.query(
      `SELECT endpoint, status, provider_code FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    const byPhone = Object.fromEntries(rows.map((r) => [r.endpoint, r]));
    expect(byPhone[first.to].status).toBe('delivered');
    expect(byPhone[second.to]).toEqual(expect.objectContaining({ status: 'undelivered', provider_code: '30003' }));
    expect(byPhone[fake.messages[2].to].status).toBe('sent');
    // Every callback is kept as received, with its delivery; the forged one is not.
    const receipts: { provider_message_id: string; status: string; error_code: string | null; endpoint: string }[] = await api.db.query(
      `SELECT r.provider_message_id, r.status, r.error_code, d.endpoint FROM delivery_receipt r JOIN delivery d ON d.id = r.delivery_id
        WHERE d.broadcast_id = $1 ORDER BY r.id`,
      [id],
    );
    expect(receipts).toEqual([
      { provider_message_id: first.sid, status: 'delivered', error_code: null, endpoint: first.to },
      { provider_message_id: first.sid, status: 'sent', error_code: null, endpoint: first.to },
      { provider_message_id: second.sid, status: 'undelivered', error_code: '30003', endpoint: second.to },
    ]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM delivery_receipt WHERE provider_message_id = $1`, [fake.messages[2].sid]);
    expect(n).toBe(0);
  });

  it('applies callbacks that arrive before the send is answered, and the late answer does not undo them', async () => {
    const { unit } = await commune('Xã Nhanh Tay', 1, 2500);
    fake.setDefault(behaviours.hang(1_000));
    const id = await schedule(unit);
    const [message] = await waitFor(async () => fake.messages, (m) => m.length === 1, 10_000, 'the message accepted');
    for (const status of ['queued', 'delivered']) {
      expect((await fake.sendStatusCallback(message.statusCallback as string, { sid: message.sid, status })).status).toBe(204);
    }
    const row = await waitFor(
      async () =>
        (
          await api.db.query(
            `SELECT d.status, d.provider_message_id AS "providerMessageId", d.final_at IS NOT NULL AS final,
                    (SELECT array_agg(a.outcome) FROM delivery_attempt a WHERE a.delivery_id = d.id) AS attempts,
                    (SELECT array_agg(r.status ORDER BY r.id) FROM delivery_receipt r WHERE r.delivery_id = d.id) AS receipts,
                    (SELECT bool_and(r.received_at < a.finished_at) FROM delivery_receipt r JOIN delivery_attempt a ON a.delivery_id = r.delivery_id
                      WHERE r.delivery_id = d.id) AS "receiptsFirst"
               FROM delivery d WHERE d.broadcast_id = $1`,
            [id],
          )
        )[0],
      (d) => d.attempts !== null,
      10_000,
      'the send answered and recorded',
    );
    expect(row).toEqual({
      status: 'delivered',
      providerMessageId: message.sid,
      final: true,
      attempts: ['sent'],
      receipts: ['queued', 'delivered'],
      receiptsFirst: true,
    });
    expect(fake.messages).toHaveLength(1);
  });

  it('retries 500 and 429 with backoff until sent, and records permanent failures with their code', async () => {
    const { unit, phones } = await commune('Xã Thử Lại', 6, 3000);
    fake.respondTo(phones[5], behaviours.invalidNumber());
    fake.respondTo(phones[4], behaviours.optedOut());
    fake.enqueue(behaviours.serverError(), behaviours.rateLimited(0), behaviours.serverError());
    const id = await schedule(unit);
    const counts = await settled(id, 6);
    expect(counts).toEqual({ sent: 4, failed: 2 });
    const failed: { endpoint: string; provider_code: string; failure_kind: string }[] = await api.db.query(
      `SELECT endpoint, provider_code, failure_kind FROM delivery WHERE broadcast_id = $1 AND status = 'failed' ORDER BY endpoint`,
      [id],
    );
    expect(failed).toEqual([
      { endpoint: phones[4], provider_code: '21610', failure_kind: 'permanent' },
      { endpoint: phones[5], provider_code: '21211', failure_kind: 'permanent' },
    ]);
    const attempts: { outcome: string; provider_code: string | null }[] = await api.db.query(
      `SELECT a.outcome, a.provider_code FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.broadcast_id = $1`,
      [id],
    );
    expect(attempts.filter((a) => a.outcome === 'retryable').map((a) => a.provider_code).sort()).toEqual(['20429', '20500', '20500']);
    expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(4);
    const [{ opted }] = await api.db.query(`SELECT opted_out_at IS NOT NULL AS opted FROM subscriber WHERE phone = $1`, [phones[4]]);
    expect(opted).toBe(true);
    expect(fake.messages).toHaveLength(4);
    for (const m of fake.messages) {
      expect((await fake.sendStatusCallback(m.statusCallback as string, { sid: m.sid, status: 'delivered' })).status).toBe(204);
    }
    expect(await deliveryCounts(api.db, id)).toEqual({ delivered: 4, failed: 2 });
  });

  it('lists deliveries whose retries ran out and lets a supervisor send them again', async () => {
    const { unit, phones } = await commune('Xã Hết Lượt', 2, 4000);
    fake.respondTo(phones[0], behaviours.serverError());
    const id = await schedule(unit);
    await settled(id, 2);
    const exhausted = await api.http.get(`/api/v1/broadcasts/${id}/deliveries?failureKind=exhausted`).set('authorization', officerAuth);
    expect(exhausted.body).toEqual(expect.objectContaining({ total: 1, items: [expect.objectContaining({ endpoint: phones[0], attempts: 4 })] }));
    const byOfficer = await api.http.post(`/api/v1/broadcasts/${id}/deliveries/retry`).set('authorization', officerAuth).send({});
    expect(byOfficer.status).toBe(403);
    fake.reset();
    const retry = await api.http.post(`/api/v1/broadcasts/${id}/deliveries/retry`).set('authorization', supervisorAuth).send({});
    expect(retry.body).toEqual({ retried: 1 });
    await waitFor(() => deliveryCounts(api.db, id), (c) => c.sent === 2, 10_000, 'retried delivery sent');
    expect(fake.messages.map((m) => m.to)).toEqual([phones[0]]);
  });

  it('cancelling mid-way stops everything not yet handed to the provider', async () => {
    const { unit } = await commune('Xã Hủy', 60, 5000);
    fake.setDefault(behaviours.hang(150));
    const id = await schedule(unit);
    await waitFor(async () => fake.stats.accepted, (n) => n >= 10, 10_000, 'some messages accepted');
    const res = await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', officerAuth);
    expect(res.status).toBe(200);
    expect(res.body.cancelledDeliveries).toBeGreaterThan(0);
    const counts = await waitFor(() => deliveryCounts(api.db, id), (c) => !c.sending, 10_000, 'in-flight chunk settled');
    await new Promise((r) => setTimeout(r, 500));
    expect(counts.cancelled).toBe(res.body.cancelledDeliveries);
    expect((counts.sent ?? 0) + (counts.cancelled ?? 0)).toBe(60);
    expect(fake.stats.accepted).toBe(counts.sent);
    expect((await api.http.get(`/api/v1/broadcasts/${id}`).set('authorization', officerAuth)).body.status).toBe('cancelled');

    const listed = async (status: string) => {
      const page = await api.http.get(`/api/v1/broadcasts?status=${status}&pageSize=100`).set('authorization', officerAuth);
      expect(page.status).toBe(200);
      return (page.body.items as { id: string; status: string }[]).filter((b) => b.id === id);
    };
    expect(await listed('cancelled')).toEqual([expect.objectContaining({ id, status: 'cancelled' })]);
    expect(await listed('running')).toEqual([]);
    const unknown = await api.http.get('/api/v1/broadcasts?status=paused').set('authorization', officerAuth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'status', rule: 'isIn' })]);
  });

  it('delays SMS planned for quiet hours to the end of the window (07:00 local)', async () => {
    await api.db.query(`UPDATE channel_policy SET quiet_start = '21:00', quiet_end = '07:00' WHERE channel = 'sms'`);
    try {
      const { unit } = await commune('Xã Giờ Yên Tĩnh', 4, 6000);
      const tomorrow = new Date(Date.now() + 86_400_000);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(tomorrow);
      const at = new Date(`${day}T22:30:00+07:00`);
      const id = await schedule(unit, at);
      const [occ] = await api.db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1`, [id]);
      await worker.get(OccurrencePlannerService).run(occ.id);
      const rows: { status: string; not_before: Date }[] = await api.db.query(`SELECT status, not_before FROM delivery WHERE broadcast_id = $1`, [id]);
      const next = new Date(new Date(`${day}T07:00:00+07:00`).getTime() + 86_400_000);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.status === 'planned' && r.not_before.getTime() === next.getTime())).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.stats.accepted).toBe(0);
    } finally {
      await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'sms'`);
    }
  });

  it('refuses to schedule an unapproved message, an SMS over the part limit, or targets outside the subtree', async () => {
    const other = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    const otherVillage = await createUnit(api.db, { name: 'Thôn Khác', level: 'village', parent: await createUnit(api.db, { name: 'Xã Khác', level: 'commune', parent: other }) });
    const targeted = await createUnit(api.db, { name: 'Xã Đích', level: 'commune', parent: province });
    const ownVillage = await createUnit(api.db, { name: 'Thôn Đích', level: 'village', parent: targeted });
    const untargeted = await createUnit(api.db, { name: 'Xã Ngoài Đích', level: 'commune', parent: province });
    const untargetedVillage = await createUnit(api.db, { name: 'Thôn Ngoài Đích', level: 'village', parent: untargeted });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Ư'.repeat(200) });
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', officerAuth)
      .send({
        messageId,
        channels: ['sms'],
        targets: { unitIds: [targeted.id, other.id], villageIds: [ownVillage.id, untargetedVillage.id, otherVillage.id, targeted.id] },
        schedule: { kind: 'once', at: new Date().toISOString() },
        smsMaxParts: 2,
      });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual([
      'sms:max-parts',
      'targets.unitIds[1]:in-scope',
      'targets.villageIds[1]:village-of-target',
      'targets.villageIds[2]:village-of-target',
      'targets.villageIds[3]:village-of-target',
    ]);
    await api.db.query(`UPDATE message SET status = 'draft', current_version = 2 WHERE id = $1`, [messageId]);
    const unapproved = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', officerAuth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(unapproved.status).toBe(400);
    expect(unapproved.body.details).toEqual([expect.objectContaining({ field: 'messageId', rule: 'approved' })]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM broadcast WHERE message_id = $1`, [messageId]);
    expect(n).toBe(0);
  });
});
