import type { INestApplicationContext } from '@nestjs/common';
import { smsBody, smsSegments } from '#domain/index.js';
import { SmsDeliveryRepository } from '#sms/repositories/sms-delivery.repository.js';
import { RollUpReportsHandler } from '#services/reports/handlers/roll-up-reports.handler.js';
import { ReportRollupRepository } from '#services/reports/report-rollup.repository.js';
import { RollupService } from '#services/reports/rollup.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { behaviours, type FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { localDay, once, scheduleBroadcast } from './broadcasts-test-kit.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

// Two parts in UCS-2 (over 70 code units), so parts and cost are not just the delivery count.
const SMS = 'UBND xã thông báo: từ thứ Hai, Bộ phận một cửa nhận hồ sơ trực tuyến cả ngày thứ Bảy; mọi thắc mắc xin gọi tổng đài 1022.';
const PARTS = smsSegments(smsBody(SMS, false)).parts;

/** Local HH:MM `minutes` from now in Viet Nam, for a quiet window around the present. */
function localClock(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  );
}

describe('Reports rollup: settlements from the engine, counted once, equal to a recount', () => {
  let bed: SmsTestbed;
  let api: TestApi;
  let fake: FakeTwilioServer;
  let worker: INestApplicationContext;
  let commune: TestUnit;
  let rollup: RollupService;
  const today = localDay(0);

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Báo Cáo', listen: true });
    ({ api, fake, worker } = bed);
    commune = await createUnit(api.db, { name: 'Xã Thống Kê', level: 'commune', parent: bed.province });
    rollup = worker.get(RollupService, { strict: false });
  }, 60_000);
  afterAll(() => bed?.close());

  const summary = async () => {
    const res = await api.http
      .get(`/api/v1/reports/summary?from=${today}&to=${today}&unitId=${bed.province.id}`)
      .set('authorization', bed.officerAuth);
    expect(res.status).toBe(200);
    return res.body.current as Record<string, number>;
  };

  /** The same figures counted straight from the source rows of the province's subtree. */
  async function recount(): Promise<Record<string, number>> {
    const [d] = await api.db.query(
      `SELECT count(*) FILTER (WHERE d.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE d.status = 'undelivered')::int AS undelivered,
              count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE d.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE d.status = 'skipped' AND d.failure_reason = 'opted-out')::int AS "optedOut",
              count(*) FILTER (WHERE d.status IN ('sent','delivered','undelivered','unknown'))::int AS billed,
              count(DISTINCT d.subscriber_id) FILTER (WHERE d.status IN ('sent','delivered'))::int AS "citizensReached"
         FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id JOIN admin_unit u ON u.id = s.unit_id
        WHERE u.path <@ $1::ltree`,
      [bed.province.path],
    );
    const [o] = await api.db.query(
      `SELECT count(*) FILTER (WHERE o.status IN ('planned','completed'))::int AS "occurrencesRun",
              count(DISTINCT b.id) FILTER (WHERE o.status IN ('planned','completed'))::int AS "broadcastsRun"
         FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id JOIN admin_unit u ON u.id = b.unit_id WHERE u.path <@ $1::ltree`,
      [bed.province.path],
    );
    const [m] = await api.db.query(
      `SELECT count(*)::int AS n FROM message m JOIN admin_unit u ON u.id = m.unit_id WHERE u.path <@ $1::ltree AND m.approved_at IS NOT NULL`,
      [bed.province.path],
    );
    const { billed, ...counts } = d;
    return { ...counts, ...o, messagesApproved: m.n, smsParts: billed * PARTS, smsCostVnd: billed * PARTS * api.config.sms.pricePerPartVnd };
  }

  const pick = (figures: Record<string, number>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, figures[k]]));

  it('counts a run with a retry, receipts, an opt-out and a cancellation exactly as the rows hold them; a rebuild changes nothing', async () => {
    const phones = await createSubscribers(api.db, { unit: commune, count: 6, from: 100 });
    fake.respondTo(phones[0], behaviours.serverError());
    const message = await createApprovedMessage(api.db, { unit: commune, author: bed.officer, approver: bed.supervisor, sms: SMS });
    const first = await scheduleBroadcast(api, bed.officerAuth, once(message, commune.id, new Date()));
    await waitFor(() => deliveryCounts(api.db, first), (c) => c.sent === 5 && c.failed === 1, 20_000, 'first broadcast settled');

    await rollup.rollUp();
    expect(pick(await summary(), ['sent', 'failed', 'occurrencesRun', 'broadcastsRun'])).toEqual({ sent: 5, failed: 1, occurrencesRun: 1, broadcastsRun: 1 });

    // The supervisor's retry moves the failure back to planned: it leaves "failed" and is counted once, as sent.
    fake.reset();
    const retry = await api.http.post(`/api/v1/broadcasts/${first}/deliveries/retry`).set('authorization', bed.supervisorAuth).send({});
    expect(retry.body).toEqual({ retried: 1 });
    await waitFor(() => deliveryCounts(api.db, first), (c) => c.sent === 6, 10_000, 'retried delivery sent');
    expect(fake.messages.map((m) => m.to)).toEqual([phones[0]]);
    const callbackUrl = fake.messages[0].statusCallback as string;
    const sids: { sid: string }[] = await api.db.query(
      `SELECT provider_message_id AS sid FROM delivery WHERE broadcast_id = $1 AND endpoint = ANY($2) ORDER BY endpoint`,
      [first, phones.slice(1, 3)],
    );
    expect((await fake.sendStatusCallback(callbackUrl, { sid: sids[0].sid, status: 'delivered' })).status).toBe(204);
    expect((await fake.sendStatusCallback(callbackUrl, { sid: sids[1].sid, status: 'undelivered' })).status).toBe(204);

    // A second broadcast waits in quiet hours: one subscriber opts out before its batch, the rest are cancelled.
    await api.db.query(`UPDATE channel_policy SET quiet_start = $1, quiet_end = $2 WHERE channel = 'sms'`, [localClock(-60), localClock(60)]);
    const second = await scheduleBroadcast(api, bed.officerAuth, once(message, commune.id, new Date()));
    await waitFor(() => deliveryCounts(api.db, second), (c) => c.planned === 6, 20_000, 'second broadcast planned');
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'sms'`);
    await api.db.query(`UPDATE subscriber SET opted_out_at = now(), opt_out_source = 'officer' WHERE phone = $1`, [phones[5]]);
    const [{ id: occurrenceId }] = await api.db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1`, [second]);
    expect(await worker.get(SmsDeliveryRepository, { strict: false }).skipOptedOut(occurrenceId, 0)).toBe(1);
    expect((await api.http.post(`/api/v1/broadcasts/${second}/cancel`).set('authorization', bed.officerAuth)).status).toBe(200);
    expect(await deliveryCounts(api.db, second)).toEqual({ skipped: 1, cancelled: 5 });

    await rollup.rollUp();
    const expected = await recount();
    // The second broadcast handed nothing to the provider before its cancellation: it did not run.
    expect(expected).toEqual(expect.objectContaining({ sent: 4, delivered: 1, undelivered: 1, failed: 0, cancelled: 5, optedOut: 1, occurrencesRun: 1, broadcastsRun: 1 }));
    const incremental = await summary();
    expect(pick(incremental, Object.keys(expected))).toEqual(expected);

    await rollup.rebuild();
    expect(await summary()).toEqual(incremental);
    expect((await rollup.state()).pending).toBe(0);
  }, 90_000);

  it('counts a settlement once though a pass crashes after consuming it or the job is delivered twice', async () => {
    const before = await summary();
    await api.db.query(`UPDATE message SET approved_at = now() WHERE unit_id = $1`, [commune.id]);
    const repository = worker.get(ReportRollupRepository, { strict: false });
    const crash = repository.tryLocked(async (m) => {
      expect((await repository.consume(m, 1000, 800)).rows).toBeGreaterThan(0);
      throw new Error('worker killed mid-pass');
    });
    await expect(crash).rejects.toThrow('worker killed mid-pass');
    expect((await rollup.state()).pending).toBeGreaterThan(0);

    const handler = worker.get(RollUpReportsHandler, { strict: false });
    expect(await handler.handle()).toEqual({ consumed: expect.any(Number) });
    expect(await handler.handle()).toEqual({ consumed: 0 });
    const after = await summary();
    // The re-approval moved the message's approval to now: still one approval, counted once.
    expect(after).toEqual(before);
    expect(after.messagesApproved).toBe((await recount()).messagesApproved);
  });
});
