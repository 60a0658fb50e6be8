import type { DataSource } from 'typeorm';
import { createDataSource } from '#persistence/index.js';
import { DeliveryPartitions1795520000000 } from '#persistence/migrations/1795520000000-delivery-partitions.js';
import { ReportRollupRepository } from '#services/reports/report-rollup.repository.js';
import { RollupService } from '#services/reports/rollup.service.js';
import { EmergencyChangeRepository } from '#services/emergencies/emergency-change.repository.js';
import { createApprovedMessage, createSubscribers } from '#test/engine-fixtures.js';
import { createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { testConfig } from '#test/test-config.js';
import { DeliveryPartitionRepository } from './delivery-partition.repository.js';
import { DeliveryPartitionService } from './delivery-partition.service.js';
import { addMonths, monthOf, monthRange, partitionName } from './partition-months.js';

/** The middle of a month `n` months from now, so no test depends on the day it runs. */
function midMonth(n: number): Date {
  return new Date(`${addMonths(monthOf(new Date()), n)}-15T03:00:00Z`);
}

describe('deliveries partitioned by month', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let unit: TestUnit;
  let author: TestUser;
  let messageId: string;
  let phone = 0;
  const current = monthOf(new Date());

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    unit = await createUnit(db, { name: 'Xã Phân Vùng', level: 'commune' });
    author = await createUser(db, { role: 'officer', unit });
    messageId = await createApprovedMessage(db, { unit, author, approver: author, sms: 'Thông báo lịch tiêm chủng.' });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function occurrence(dueAt: Date): Promise<{ broadcastId: string; occurrenceId: string }> {
    const [{ id: broadcastId }] = await db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [unit.id, messageId, author.id],
    );
    const [{ id: occurrenceId }] = await db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, $2, 'planned', 1, $2) RETURNING id`,
      [broadcastId, dueAt],
    );
    return { broadcastId, occurrenceId };
  }

  /** SMS deliveries to `count` new subscribers of the unit, written as the planners write them (due_at from the occurrence). */
  async function smsDeliveries(o: { broadcastId: string; occurrenceId: string }, count: number, status = 'planned'): Promise<string[]> {
    const phones = await createSubscribers(db, { unit, count, from: phone });
    const rows: { id: string }[] = await db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', s.phone, s.id, 0, $3, now()
         FROM subscriber s WHERE s.phone = ANY($4::text[])
       RETURNING id`,
      [o.occurrenceId, o.broadcastId, status, phones],
    );
    phone += count;
    return rows.map((r) => r.id);
  }

  async function migrate(direction: 'up' | 'down'): Promise<void> {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await new DeliveryPartitions1795520000000()[direction](runner);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  const relkind = async (table: string) => (await db.query(`SELECT relkind FROM pg_class WHERE oid = $1::regclass`, [table]))[0].relkind;
  const children = async (table: string): Promise<string[]> =>
    (await db.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`, [table])).map(
      (r: { relname: string }) => r.relname,
    );
  const referencing = async () => Number((await db.query(`SELECT count(*) FROM pg_constraint WHERE confrelid = 'delivery'::regclass AND contype = 'f'`))[0].count);

  it('moves the existing rows into monthly partitions, carrying ids, keys, triggers and the sequence; down restores the plain tables', async () => {
    await migrate('down');
    expect([await relkind('delivery'), await relkind('delivery_attempt'), await referencing()]).toEqual(['r', 'r', 2]);
    const old = await occurrence(midMonth(-7));
    const recent = await occurrence(midMonth(0));
    const phones = await createSubscribers(db, { unit, count: 5, from: phone });
    await db.query(
      `INSERT INTO delivery (occurrence_id, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
       SELECT CASE WHEN n <= 3 THEN $1::uuid ELSE $2::uuid END, CASE WHEN n <= 3 THEN $3::uuid ELSE $4::uuid END, 'sms', s.phone, s.id, 0, 'delivered', now()
         FROM (SELECT s.*, row_number() OVER (ORDER BY phone) AS n FROM subscriber s WHERE s.phone = ANY($5::text[])) s`,
      [old.occurrenceId, recent.occurrenceId, old.broadcastId, recent.broadcastId, phones],
    );
    phone += 5;
    // A delivery whose occurrence is gone keeps its own not_before as due time.
    await db.query(
      `INSERT INTO delivery (occurrence_id, broadcast_id, channel, endpoint, batch_no, status, not_before)
       VALUES (gen_random_uuid(), $1, 'board', gen_random_uuid()::text, 0, 'sent', $2)`,
      [old.broadcastId, midMonth(-2)],
    );
    await db.query(
      `INSERT INTO delivery_attempt (delivery_id, attempt_no, started_at, finished_at, outcome)
       SELECT id, 1, n.at, n.at, 'sent' FROM delivery d CROSS JOIN LATERAL (SELECT (SELECT due_at FROM occurrence WHERE id = d.occurrence_id) AS at) n
        WHERE d.channel = 'sms'`,
    );
    const before = await db.query(`SELECT id, occurrence_id, endpoint, status FROM delivery ORDER BY id`);
    const attemptsBefore = await db.query(`SELECT id, delivery_id, started_at FROM delivery_attempt ORDER BY id`);
    expect(before).toHaveLength(6);
    expect(attemptsBefore).toHaveLength(5);

    await migrate('up');
    expect([await relkind('delivery'), await relkind('delivery_attempt'), await referencing()]).toEqual(['p', 'p', 0]);
    expect(await db.query(`SELECT id, occurrence_id, endpoint, status FROM delivery ORDER BY id`)).toEqual(before);
    expect(await db.query(`SELECT id, delivery_id, started_at FROM delivery_attempt ORDER BY id`)).toEqual(attemptsBefore);
    const [{ wrong }] = await db.query(
      `SELECT count(*)::int AS wrong FROM delivery d LEFT JOIN occurrence o ON o.id = d.occurrence_id WHERE d.due_at <> COALESCE(o.due_at, d.not_before)`,
    );
    expect(wrong).toBe(0);
    const months = [monthOf(midMonth(-7)), monthOf(midMonth(-2)), ...monthRange(addMonths(current, -1), addMonths(current, 3))];
    expect(await children('delivery')).toEqual(months.map((m) => partitionName('delivery', m)));
    expect(await children('delivery_attempt')).toEqual(
      [monthOf(midMonth(-7)), ...monthRange(addMonths(current, -1), addMonths(current, 3))].map((m) => partitionName('delivery_attempt', m)),
    );
    const [{ n: inOldMonth }] = await db.query(`SELECT count(*)::int AS n FROM ${partitionName('delivery', monthOf(midMonth(-7)))}`);
    expect(inOldMonth).toBe(3);

    // The identity goes on after the moved ids, and the reports' outbox trigger came along.
    const outbox = async () => Number((await db.query(`SELECT count(*) FROM report_delivery_count`))[0].count);
    const outboxBefore = await outbox();
    const [{ id: added }] = await db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
       VALUES ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'board', gen_random_uuid()::text, 0, 'delivered', now()) RETURNING id`,
      [recent.occurrenceId, recent.broadcastId],
    );
    expect(BigInt(added)).toBeGreaterThan(BigInt(before[before.length - 1].id));
    expect(await outbox()).toBe(outboxBefore + 1);

    await migrate('down');
    expect([await relkind('delivery'), await relkind('delivery_attempt'), await referencing()]).toEqual(['r', 'r', 2]);
    expect(await db.query(`SELECT id FROM delivery ORDER BY id`)).toEqual([...before.map((r: { id: string }) => ({ id: r.id })), { id: added }]);
    const [{ n: dueColumns }] = await db.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'delivery' AND column_name = 'due_at'`);
    expect(dueColumns).toBe(0);
    await migrate('up');
    expect(await relkind('delivery')).toBe('p');
  });

  it('a second plan of the same occurrence writes no duplicate, and the key refuses one written without the guard', async () => {
    const from = await occurrence(midMonth(0));
    await smsDeliveries(from, 4, 'delivered');
    const to = await occurrence(midMonth(1));
    const repo = new EmergencyChangeRepository(db);
    const plan = () => repo.planFollowUps(db.manager, { fromBroadcastId: from.broadcastId, occurrenceId: to.occurrenceId, broadcastId: to.broadcastId, notBefore: new Date(), batchSize: 2 });
    expect(await plan()).toBe(4);
    expect(await plan()).toBe(0);
    const [{ n, due }] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT due_at)::int AS due FROM delivery WHERE occurrence_id = $1`,
      [to.occurrenceId],
    );
    expect({ n, due }).toEqual({ n: 4, due: 1 });
    await expect(
      db.query(
        `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
         SELECT occurrence_id, due_at, broadcast_id, channel, endpoint, 9, 'planned', now() FROM delivery WHERE occurrence_id = $1 LIMIT 1`,
        [to.occurrenceId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('the upkeep creates partitions ahead and drops only months past retention, once the rollup holds their totals', async () => {
    const config = testConfig({ databaseUrl: database.url, deliveryPartitions: { aheadMonths: 5, retentionMonths: 2 } });
    const rollup = new RollupService(new ReportRollupRepository(db), config);
    const partitions = new DeliveryPartitionRepository(db);
    const service = new DeliveryPartitionService(partitions, rollup, config);
    const oldMonth = monthOf(midMonth(-4));
    expect(await partitions.ensure('delivery', oldMonth)).toBe(true);
    expect(await partitions.ensure('delivery', oldMonth)).toBe(false);
    await partitions.ensure('delivery_attempt', oldMonth);
    const old = await occurrence(midMonth(-4));
    const kept = await occurrence(midMonth(-1));
    const oldIds = await smsDeliveries(old, 5);
    await smsDeliveries(kept, 3);
    await db.query(
      `INSERT INTO delivery_attempt (delivery_id, attempt_no, started_at, finished_at, outcome) SELECT unnest($1::bigint[]), 1, $2, $2, 'sent'`,
      [oldIds, midMonth(-4)],
    );
    await rollup.rollUp();
    // Settled after the last rollup pass: only the outbox knows, so retention must count them before dropping.
    await db.query(`UPDATE delivery SET status = 'delivered', sent_at = due_at, final_at = due_at WHERE occurrence_id = ANY($1::uuid[])`, [
      [old.occurrenceId, kept.occurrenceId],
    ]);
    const deliveredOn = async (day: Date) =>
      Number((await db.query(`SELECT COALESCE(sum(delivered), 0) AS n FROM report_daily WHERE unit_id = $1 AND channel = 'sms' AND day = ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`, [unit.id, day]))[0].n);

    const result = await service.upkeep();
    expect(result.dropped.sort()).toEqual(
      [partitionName('delivery', oldMonth), partitionName('delivery_attempt', oldMonth), partitionName('delivery', monthOf(midMonth(-7))), partitionName('delivery_attempt', monthOf(midMonth(-7)))].sort(),
    );
    expect(result.created.sort()).toEqual(
      [4, 5].flatMap((n) => [`delivery:${addMonths(current, n)}`, `delivery_attempt:${addMonths(current, n)}`]).sort(),
    );
    expect(await deliveredOn(midMonth(-4))).toBe(5);
    expect(await deliveredOn(midMonth(-1))).toBe(3);
    const [{ n: oldLeft }] = await db.query(`SELECT count(*)::int AS n FROM delivery WHERE occurrence_id = $1`, [old.occurrenceId]);
    const [{ n: keptLeft }] = await db.query(`SELECT count(*)::int AS n FROM delivery WHERE occurrence_id = $1`, [kept.occurrenceId]);
    expect({ oldLeft, keptLeft }).toEqual({ oldLeft: 0, keptLeft: 3 });
    const keepFrom = addMonths(current, -2);
    for (const table of ['delivery', 'delivery_attempt']) {
      const names = await children(table);
      expect(names.filter((n) => n < partitionName(table, keepFrom))).toEqual([]);
      expect(names).toContain(partitionName(table, addMonths(current, 5)));
    }
    const [{ n: leftovers }] = await db.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = ANY($1)`, [result.dropped]);
    expect(leftovers).toBe(0);
    expect(await service.upkeep()).toEqual({ created: [], dropped: [] });
  });

  it('a query by due time reads one partition, and one by occurrence is an index scan', async () => {
    await db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
       SELECT o.id, $1, gen_random_uuid(), 'sms', '+849' || lpad(n::text, 8, '0'), n / 500, 'planned', $1
         FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 200) g) o CROSS JOIN generate_series(1, 100) n`,
      [midMonth(0)],
    );
    await db.query(`ANALYZE delivery`);
    const plan = async (sql: string, params: unknown[]) => JSON.stringify((await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN']);
    type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const relations = (json: string) => [...new Set([...json.matchAll(/"Relation Name":"([^"]+)"/g)].map((m) => m[1]))];

    const byDue = await plan(`SELECT count(*) FROM delivery WHERE due_at >= $1 AND due_at < $2`, [`${current}-01T00:00:00Z`, `${addMonths(current, 1)}-01T00:00:00Z`]);
    expect(relations(byDue)).toEqual([partitionName('delivery', current)]);

    const [{ occurrence_id: someOccurrence }] = await db.query(`SELECT occurrence_id FROM delivery WHERE endpoint = '+84900000050' LIMIT 1`);
    const byOccurrence = await plan(
      `SELECT id, endpoint FROM delivery WHERE occurrence_id = $1 AND channel = 'sms' AND batch_no = 0 AND status IN ('planned','sending') ORDER BY not_before`,
      [someOccurrence],
    );
    // The 20,000-row partition is read through an index (a bitmap heap scan is fed by a bitmap index scan).
    const scans = nodes(JSON.parse(byOccurrence)[0].Plan).filter((n) => n['Relation Name'] === partitionName('delivery', current));
    expect(scans.map((n) => n['Node Type'])).toEqual([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/)]);
  });
});
