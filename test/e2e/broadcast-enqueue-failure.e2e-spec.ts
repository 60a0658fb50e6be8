import { jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue, QUEUES } from '#queue/index.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';

/**
 * Redis refuses the enqueue after the broadcast was committed: the request still succeeds (the
 * broadcast is scheduled in Postgres), and the reconciler enqueues the pending occurrence. The same
 * for a cancellation whose withdrawal Redis refuses: it answers as cancelled, and it is.
 */
describe('a broadcast whose enqueue fails after commit', () => {
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({}, { customize: withFakeTwilio(fake) });
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await fake?.close();
  });

  it('answers 201 with the broadcast scheduled, and the reconciler completes it', async () => {
    const province = await createUnit(api.db, { name: 'Tỉnh Lỗi Hàng Đợi', level: 'province' });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    const phones = await createSubscribers(api.db, { unit: province, count: 15, from: 6100 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Thông báo lịch làm việc.' });
    const jobs = api.app.get(JobQueue);
    const refused = jest.spyOn(jobs, 'addMany').mockRejectedValueOnce(new Error("CROSSSLOT Keys in request don't hash to the same slot"));

    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', await bearer(api.http, officer))
      .send({ messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(refused).toHaveBeenCalledTimes(1);
    refused.mockRestore();
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('scheduled');
    const occurrences = await api.db.query(`SELECT status FROM occurrence WHERE broadcast_id = $1`, [res.body.id]);
    expect(occurrences).toEqual([{ status: 'pending' }]);
    expect(await jobs.queue(QUEUES.occurrences).getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });

    worker = await startTestWorker(api.config, { scheduler: true });
    await waitFor(() => deliveryCounts(api.db, res.body.id), (c) => c.sent === phones.length, 30_000, 'every SMS sent after the reconciler enqueued');
    expect(fake.messages.map((m) => m.to).sort()).toEqual([...phones].sort());
  });

  it('answers a cancellation whose withdrawal Redis refused as done, and the broadcast stays cancelled', async () => {
    const province = await createUnit(api.db, { name: 'Tỉnh Lỗi Khi Hủy', level: 'province' });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    await createSubscribers(api.db, { unit: province, count: 3, from: 6200 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Lịch họp dân tuần sau.' });
    const auth = await bearer(api.http, officer);
    const scheduled = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', auth)
      .send({ messageId, channels: ['sms'], targets: { unitIds: [province.id] }, schedule: { kind: 'once', at: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(scheduled.status).toBe(201);

    const jobs = api.app.get(JobQueue);
    const refused = jest.spyOn(jobs, 'remove').mockRejectedValueOnce(new Error('READONLY You can\'t write against a read only replica.'));
    const res = await api.http.post(`/api/v1/broadcasts/${scheduled.body.id}/cancel`).set('authorization', await bearer(api.http, supervisor));
    expect(refused).toHaveBeenCalledTimes(1);
    refused.mockRestore();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cancelledDeliveries: 0, cancelledOccurrences: 1 });
    const [broadcast] = await api.db.query(`SELECT status FROM broadcast WHERE id = $1`, [scheduled.body.id]);
    expect(broadcast.status).toBe('cancelled');
    expect(await api.db.query(`SELECT status FROM occurrence WHERE broadcast_id = $1`, [scheduled.body.id])).toEqual([{ status: 'cancelled' }]);
  });
});
