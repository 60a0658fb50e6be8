import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { deliveryFailureText } from '#domain/delivery/failure-text.js';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { createDataSource } from '#persistence/data-source.js';
import { DeliveryFailureReasonBackfill1795430000100 } from '#persistence/migrations/1795430000100-delivery-failure-reason-backfill.js';
import { BroadcastViewRepository } from '#persistence/repositories/broadcast-view.repository.js';
import { DeliveryRepository } from '#persistence/repositories/delivery.repository.js';
import { SmsDeliveryRepository } from '#sms/repositories/sms-delivery.repository.js';

interface Row {
  id: string;
  endpoint: string;
  status: string;
  last_error: string | null;
  failure_reason: string | null;
}

describe('a delivery’s failure reason, typed in its own column', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let deliveries: DeliveryRepository;
  let views: BroadcastViewRepository;
  let commune: TestUnit;
  let messageId: string;
  let userId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    deliveries = new DeliveryRepository(db);
    views = new BroadcastViewRepository(db);
    commune = await createUnit(db, { name: 'Xã Lý Do', level: 'commune' });
    const officer = await createUser(db, { role: 'officer', unit: commune });
    userId = officer.id;
    messageId = await createApprovedMessage(db, { unit: commune, author: officer, approver: officer, sms: 'Thông báo' });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  /** A broadcast with one occurrence and a planned SMS delivery per endpoint; returns their ids by endpoint. */
  async function broadcastWith(endpoints: string[]): Promise<{ broadcastId: string; occurrenceId: string; ids: Record<string, string> }> {
    const [{ id: broadcastId }] = await db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [commune.id, messageId, userId],
    );
    const [{ id: occurrenceId }] = await db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status) VALUES ($1, now(), 'planned') RETURNING id`,
      [broadcastId],
    );
    const rows: { id: string; endpoint: string }[] = await db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', e, 0, 'planned', now() FROM unnest($3::text[]) AS e RETURNING id::text, endpoint`,
      [occurrenceId, broadcastId, endpoints],
    );
    return { broadcastId, occurrenceId, ids: Object.fromEntries(rows.map((r) => [r.endpoint, r.id])) };
  }

  async function rowsOf(broadcastId: string): Promise<Record<string, Row>> {
    const rows: Row[] = await db.query(
      `SELECT id::text, endpoint, status, last_error, failure_reason FROM delivery WHERE broadcast_id = $1`,
      [broadcastId],
    );
    return Object.fromEntries(rows.map((r) => [r.endpoint, r]));
  }

  async function textsOf(broadcastId: string): Promise<Record<string, string | null>> {
    const { items } = await views.deliveries({ unitPath: commune.path }, broadcastId, { limit: 50, offset: 0 });
    return Object.fromEntries(items.map((d) => [d.endpoint, deliveryFailureText(d)]));
  }

  it('settles a permanent refusal with its reason beside the provider’s own message, and words it from the reason', async () => {
    const { broadcastId, occurrenceId, ids } = await broadcastWith(['+84910000001', '+84910000002']);
    const claimed = await deliveries.claim(db.manager, { occurrenceId, channel: 'sms', batchNo: 0, limit: 10, provider: 'fake' });
    const dueAt = claimed[0].dueAt;
    const startedAt = new Date();
    await deliveries.settle([
      { id: ids['+84910000001'], dueAt, startedAt, status: 'failed', attemptOutcome: 'permanent', failureKind: 'permanent', failureReason: 'rejected', providerCode: 'X-7', error: 'rejected: policy' },
      { id: ids['+84910000002'], dueAt, startedAt, status: 'sent', attemptOutcome: 'sent', providerMessageId: 'SM2' },
    ]);
    const rows = await rowsOf(broadcastId);
    // The provider's message stays whole, even one that happens to start like a reason: nothing reads it back.
    expect(rows['+84910000001']).toMatchObject({ status: 'failed', failure_reason: 'rejected', last_error: 'rejected: policy' });
    expect(rows['+84910000002']).toMatchObject({ status: 'sent', failure_reason: null });
    expect(await textsOf(broadcastId)).toEqual({ '+84910000001': 'Nhà cung cấp từ chối tin này (mã X-7).', '+84910000002': null });
    const { items } = await views.deliveries({ unitPath: commune.path }, broadcastId, { limit: 50, offset: 0 });
    expect(items.find((d) => d.endpoint === '+84910000001')?.failureReason).toBe('rejected');
  });

  it('records why a delivery was skipped or cancelled, and a retry of an exhausted one forgets it', async () => {
    const optedOut = '+84910000011';
    await db.query(
      `INSERT INTO subscriber (phone, unit_id, tags, consent_source, consent_at, opted_out_at) VALUES ($1, $2, '{}', 'officer', now(), now())`,
      [optedOut, commune.id],
    );
    const { broadcastId, occurrenceId } = await broadcastWith([optedOut, '+84910000012']);
    expect(await new SmsDeliveryRepository(db).skipOptedOut(occurrenceId, 0)).toBe(1);
    expect(await deliveries.cancelPlanned(db.manager, broadcastId)).toBe(1);
    const rows = await rowsOf(broadcastId);
    expect(rows[optedOut]).toMatchObject({ status: 'skipped', failure_reason: 'opted-out', last_error: null });
    expect(rows['+84910000012']).toMatchObject({ status: 'cancelled', failure_reason: 'broadcast-cancelled' });
    expect(await textsOf(broadcastId)).toEqual({
      [optedOut]: 'Bỏ qua: người nhận đã từ chối nhận tin trước giờ gửi.',
      '+84910000012': 'Đã hủy trước khi gửi.',
    });

    const again = await broadcastWith(['+84910000013']);
    await db.query(`UPDATE delivery SET status = 'failed', failure_kind = 'exhausted', failure_reason = 'rejected' WHERE broadcast_id = $1`, [again.broadcastId]);
    expect((await deliveries.retryExhausted(db.manager, again.broadcastId, null)).retried).toBe(1);
    expect((await rowsOf(again.broadcastId))['+84910000013']).toMatchObject({ status: 'planned', failure_reason: null });
  });

  it('refuses a reason outside the domain’s list', async () => {
    const { ids } = await broadcastWith(['+84910000021']);
    await expect(db.query(`UPDATE delivery SET failure_reason = 'daily-cap' WHERE id = $1`, [ids['+84910000021']])).rejects.toThrow(
      /ck_delivery_failure_reason/,
    );
  });

  it('backfills rows written before the column from the old prefixes and literals, and puts them back on the way down', async () => {
    const { broadcastId } = await broadcastWith(['+84910000031', '+84910000032', '+84910000033', '+84910000034', '+84910000035', '+84910000036', '+84910000037']);
    const old: [string, string, string | null][] = [
      ['+84910000031', 'failed', 'invalid-endpoint: not a valid phone number'],
      ['+84910000032', 'failed', 'Too Many Requests'],
      ['+84910000033', 'skipped', 'opted-out'],
      ['+84910000034', 'cancelled', 'đài đã bị xóa'],
      ['+84910000035', 'cancelled', 'scheduled post deleted from the platform'],
      ['+84910000036', 'cancelled', null],
      ['+84910000037', 'failed', 'reconnect-needed: tài khoản cần kết nối lại: hoặc đã tắt'],
    ];
    for (const [endpoint, status, lastError] of old) {
      await db.query(`UPDATE delivery SET status = $3, last_error = $4, failure_reason = NULL WHERE broadcast_id = $1 AND endpoint = $2`, [
        broadcastId,
        endpoint,
        status,
        lastError,
      ]);
    }
    const backfill = new DeliveryFailureReasonBackfill1795430000100();
    const runner = db.createQueryRunner();
    try {
      await backfill.up(runner);
      const rows = await rowsOf(broadcastId);
      expect(Object.values(rows).map((r) => [r.endpoint, r.failure_reason, r.last_error]).sort()).toEqual([
        ['+84910000031', 'invalid-endpoint', 'not a valid phone number'],
        ['+84910000032', null, 'Too Many Requests'],
        ['+84910000033', 'opted-out', null],
        ['+84910000034', 'station-deleted', null],
        ['+84910000035', 'scheduled-post-deleted', null],
        ['+84910000036', 'broadcast-cancelled', null],
        ['+84910000037', 'reconnect-needed', 'tài khoản cần kết nối lại: hoặc đã tắt'],
      ]);

      await backfill.down(runner);
      const restored = await rowsOf(broadcastId);
      for (const [endpoint, , lastError] of old) expect(restored[endpoint]).toMatchObject({ last_error: lastError, failure_reason: null });
    } finally {
      await runner.release();
    }
  });
});
