import type { INestApplicationContext } from '@nestjs/common';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { ReconcilerService } from '#engine/dispatch/reconciler.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { behaviours, type FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

describe('SMS policy: emergency lane, daily cap, new versions, recurrence', () => {
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
    bed = await startSmsTestbed({ name: 'Tỉnh Chính Sách', sms: { batchSize: 10, sendConcurrency: 2, workerConcurrency: 1, urgentWorkerConcurrency: 1 } });
    ({ fake, api, worker, province, officer, supervisor, officerAuth, supervisorAuth } = bed);
  });
  afterAll(() => bed?.close());
  beforeEach(() => fake.reset());

  const post = (auth: string, body: object) => api.http.post('/api/v1/broadcasts').set('authorization', auth).send(body);
  const once = (at = new Date()) => ({ kind: 'once', at: at.toISOString() });

  it('lets an emergency broadcast overtake a bulk broadcast already sending', async () => {
    const bulkUnit = await createUnit(api.db, { name: 'Xã Đông Người', level: 'commune', parent: province });
    const urgentUnit = await createUnit(api.db, { name: 'Xã Vùng Lũ', level: 'commune', parent: province });
    await createSubscribers(api.db, { unit: bulkUnit, count: 80, from: 100 });
    const urgentPhones = await createSubscribers(api.db, { unit: urgentUnit, count: 4, from: 900 });
    fake.setDefault(behaviours.hang(60));
    const bulkMessage = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Tin thường lệ.' });
    const bulk = await post(officerAuth, { messageId: bulkMessage, channels: ['sms'], targets: { unitIds: [bulkUnit.id] }, schedule: once() });
    await waitFor(async () => fake.stats.accepted, (n) => n >= 4, 10_000, 'bulk sending');

    const alert = await createApprovedMessage(api.db, { unit: province, author: supervisor, approver: supervisor, sms: 'KHẨN: lũ quét, di dời ngay.', priority: 'emergency' });
    expect((await post(officerAuth, { messageId: alert, channels: ['sms'], targets: { unitIds: [urgentUnit.id] }, schedule: once() })).status).toBe(403);
    const urgent = await post(supervisorAuth, { messageId: alert, channels: ['sms'], targets: { unitIds: [urgentUnit.id] }, schedule: once() });
    expect(urgent.status).toBe(201);

    await waitFor(() => deliveryCounts(api.db, urgent.body.id), (c) => c.sent === 4, 10_000, 'emergency sent');
    const bulkCounts = await deliveryCounts(api.db, bulk.body.id);
    expect(bulkCounts.planned).toBeGreaterThan(20);
    expect(fake.messages.filter((m) => urgentPhones.includes(m.to))).toHaveLength(4);
    await api.http.post(`/api/v1/broadcasts/${bulk.body.id}/cancel`).set('authorization', officerAuth);
  });

  it('defers non-emergency SMS over the daily cap to the next local day, while emergency passes it', async () => {
    // Quiet hours stay off here so the test does not depend on the hour it runs at; moving the
    // deferred SMS past quiet hours (07:00) is covered by next-local-day.spec.ts.
    await api.db.query(`UPDATE channel_policy SET daily_cap = 1 WHERE channel = 'sms'`);
    try {
      const unit = await createUnit(api.db, { name: 'Xã Giới Hạn', level: 'commune', parent: province });
      const [phone] = await createSubscribers(api.db, { unit, count: 1, from: 1500 });
      const first = await post(officerAuth, {
        messageId: await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Tin thứ nhất.' }),
        channels: ['sms'],
        targets: { unitIds: [unit.id] },
        schedule: once(),
      });
      const second = await post(officerAuth, {
        messageId: await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Tin thứ hai.' }),
        channels: ['sms'],
        targets: { unitIds: [unit.id] },
        schedule: once(),
      });
      const emergency = await post(supervisorAuth, {
        messageId: await createApprovedMessage(api.db, { unit: province, author: supervisor, approver: supervisor, sms: 'KHẨN: mất điện.', priority: 'emergency' }),
        channels: ['sms'],
        targets: { unitIds: [unit.id] },
        schedule: once(),
      });
      await waitFor(() => deliveryCounts(api.db, emergency.body.id), (c) => c.sent === 1, 10_000, 'emergency sent despite the cap');
      const deferred = await waitFor(
        async () =>
          (
            await api.db.query(
              `SELECT not_before, last_error FROM delivery WHERE broadcast_id = ANY($1::uuid[]) AND status = 'planned' AND last_error = 'daily-cap'`,
              [[first.body.id, second.body.id]],
            )
          )[0] as { not_before: Date; last_error: string } | undefined,
        (row) => row !== undefined,
        10_000,
        'the second SMS deferred by the cap',
      );
      if (!deferred) throw new Error('unreachable');
      const sent = (await deliveryCounts(api.db, first.body.id)).sent ?? 0;
      expect(sent + ((await deliveryCounts(api.db, second.body.id)).sent ?? 0)).toBe(1);
      expect(deferred.last_error).toBe('daily-cap');
      const local = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(d);
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + 86_400_000));
      expect(local(deferred.not_before)).toBe(`${tomorrow}, 00:00`);
      expect(fake.messages.filter((m) => m.to === phone)).toHaveLength(2);
    } finally {
      await api.db.query(`UPDATE channel_policy SET daily_cap = NULL WHERE channel = 'sms'`);
    }
  });

  it('holds an occurrence while a new version awaits approval, and sends the approved version after', async () => {
    const unit = await createUnit(api.db, { name: 'Xã Phiên Bản', level: 'commune', parent: province });
    await createSubscribers(api.db, { unit, count: 2, from: 1600 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Phiên bản một.' });
    const res = await post(officerAuth, { messageId, channels: ['sms'], targets: { unitIds: [unit.id] }, schedule: once(new Date(Date.now() + 2_000)) });
    const [occ] = await api.db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1`, [res.body.id]);
    await api.db.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
       VALUES ($1, 2, $2, 'v2', 'v2', 'one-stop-shop', 'normal', '{"sms":"Phiên bản hai."}')`,
      [messageId, officer.id],
    );
    await api.db.query(`UPDATE message SET status = 'submitted', current_version = 2 WHERE id = $1`, [messageId]);
    const occurrenceStatus = async () => (await api.db.query(`SELECT status FROM occurrence WHERE id = $1`, [occ.id]))[0].status as string;
    expect(await waitFor(occurrenceStatus, (s) => s === 'held', 10_000, 'occurrence held at its due time')).toBe('held');
    expect(await deliveryCounts(api.db, res.body.id)).toEqual({});
    expect(await worker.get(OccurrencePlannerService).run(occ.id)).toEqual(expect.objectContaining({ kind: 'skipped' }));

    await api.db.query(`UPDATE message SET status = 'approved', approved_version = 2 WHERE id = $1`, [messageId]);
    await worker.get(ReconcilerService).reconcile();
    await waitFor(() => deliveryCounts(api.db, res.body.id), (c) => c.sent === 2, 10_000, 'sent after approval');
    expect(fake.messages.every((m) => m.body === 'Phiên bản hai.')).toBe(true);
    const [{ message_version: sentVersion }] = await api.db.query(`SELECT message_version FROM occurrence WHERE id = $1`, [occ.id]);
    expect(sentVersion).toBe(2);
  });

  it('expands a recurring schedule with an end into occurrences in local time, and refuses one without an end', async () => {
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Nhắc lịch tiếp dân.' });
    const start = new Date(Date.now() + 2 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(start);
    const res = await post(officerAuth, {
      messageId,
      channels: ['sms'],
      targets: { unitIds: [province.id] },
      schedule: { kind: 'recurring', rrule: 'FREQ=DAILY;INTERVAL=2', startsAt: `${day}T07:30`, count: 3 },
    });
    expect(res.status).toBe(201);
    const due: { due_at: Date }[] = await api.db.query(`SELECT due_at FROM occurrence WHERE broadcast_id = $1 ORDER BY due_at`, [res.body.id]);
    expect(due.map((d) => d.due_at.toISOString())).toEqual(
      [0, 2, 4].map((n) => new Date(new Date(`${day}T00:30:00Z`).getTime() + n * 86_400_000).toISOString()),
    );
    const openEnded = await post(officerAuth, {
      messageId,
      channels: ['sms'],
      targets: { unitIds: [province.id] },
      schedule: { kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsAt: `${day}T07:30` },
    });
    expect(openEnded.status).toBe(400);
    expect(openEnded.body.details[0].field).toMatch(/^schedule/);
  });

  it('keeps a broadcast due past the expansion horizon open, and writes its occurrence once the horizon reaches it', async () => {
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Lịch họp dân cuối quý.' });
    const far = new Date(Date.now() + (api.config.engine.recurrenceHorizonDays + 6) * 86_400_000);
    const res = await post(officerAuth, { messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: once(far) });
    expect(res.status).toBe(201);
    const state = async () =>
      (
        await api.db.query(
          `SELECT b.status, b.fully_expanded AS "fullyExpanded", array_agg(o.due_at) FILTER (WHERE o.id IS NOT NULL) AS due
             FROM broadcast b LEFT JOIN occurrence o ON o.broadcast_id = b.id WHERE b.id = $1 GROUP BY b.id`,
          [res.body.id],
        )
      )[0];
    expect(await state()).toEqual({ status: 'scheduled', fullyExpanded: false, due: null });
    await worker.get(ReconcilerService).reconcile();
    expect(await state()).toEqual({ status: 'scheduled', fullyExpanded: false, due: null });

    // Time passes: the due time comes within the horizon (two days ahead, so nothing is sent here).
    const near = new Date(Date.now() + 2 * 86_400_000);
    await api.db.query(`UPDATE broadcast SET schedule = jsonb_set(schedule, '{at}', to_jsonb($2::text)) WHERE id = $1`, [res.body.id, near.toISOString()]);
    await worker.get(ReconcilerService).reconcile();
    expect(await state()).toEqual({ status: 'scheduled', fullyExpanded: true, due: [near] });
  });
});
