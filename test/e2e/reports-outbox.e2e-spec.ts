import { smsBody, smsSegments } from '#domain/index.js';
import { ReportRollupRepository } from '#services/reports/report-rollup.repository.js';
import { RollupService } from '#services/reports/rollup.service.js';
import { createApprovedMessage, createSubscribers } from '#test/engine-fixtures.js';
import { createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

const SMS = 'UBND xã thông báo: từ thứ Hai, Bộ phận một cửa nhận hồ sơ trực tuyến cả ngày thứ Bảy; mọi thắc mắc xin gọi tổng đài 1022.';
const PARTS = smsSegments(smsBody(SMS, false)).parts;
const PER_COMMUNE = 2_500;

/**
 * While an occurrence's SMS fan-out runs, the delivery triggers write nothing for its SMS: the rollup
 * counts them from the rows once none is left planned or sending (report_sms_settled). After that, an
 * engine statement that moves 5,000 deliveries writes a row per (unit, state) it touched, plus a narrow
 * row per citizen only when an SMS enters or leaves the reached states. The rollup equals a rebuild,
 * the per-year and per-month citizens included.
 */
describe('Reports outbox: bounded per engine statement, exact after the rollup', () => {
  let api: TestApi;
  let rollup: RollupService;
  let communes: TestUnit[];
  let occurrenceId: string;

  const outboxRows = async (): Promise<{ settlements: number; counts: number; reach: number }> => {
    const [row] = await api.db.query(
      `SELECT (SELECT count(*) FROM report_settlement)::int AS settlements, (SELECT count(*) FROM report_delivery_count)::int AS counts,
              (SELECT count(*) FROM report_reach_change)::int AS reach`,
    );
    return row;
  };
  /** Everything the rollup holds, in a stable order. */
  const rolledUp = async () => ({
    daily: await api.db.query(`SELECT * FROM report_daily ORDER BY day, unit_id, content_group, channel, priority`),
    monthly: await api.db.query(`SELECT * FROM report_monthly ORDER BY day, unit_id, content_group, channel, priority`),
    reach: await api.db.query(`SELECT * FROM report_reach WHERE n <> 0 ORDER BY unit_id, day, subscriber_id, content_group`),
    members: await api.db.query(`SELECT * FROM report_reach_member WHERE days <> 0 ORDER BY kind, period, unit_id, content_group, subscriber_id`),
    citizens: await api.db.query(`SELECT * FROM report_reach_citizens WHERE citizens <> 0 ORDER BY kind, period, unit_id, content_group`),
    settled: await api.db.query(`SELECT occurrence_id FROM report_sms_settled ORDER BY 1`),
  });
  const smsStatus = (from: string, to: string, limit: number) =>
    api.db.query(
      `UPDATE delivery SET status = $3, updated_at = now()
        WHERE id IN (SELECT id FROM delivery WHERE occurrence_id = $1 AND channel = 'sms' AND status = $2 ORDER BY id LIMIT $4)`,
      [occurrenceId, from, to, limit],
    );

  beforeAll(async () => {
    api = await startTestApi();
    rollup = new RollupService(new ReportRollupRepository(api.db), api.config);
    const province = await createUnit(api.db, { name: 'Tỉnh Đếm Gộp', level: 'province' });
    communes = [
      await createUnit(api.db, { name: 'Xã Một', level: 'commune', parent: province }),
      await createUnit(api.db, { name: 'Xã Hai', level: 'commune', parent: province }),
    ];
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    for (const [i, unit] of communes.entries()) await createSubscribers(api.db, { unit, count: PER_COMMUNE, from: 100_000 * (i + 1) });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: officer, sms: SMS });
    const [{ id: broadcastId }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms,loudspeaker}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [province.id, messageId, officer.id],
    );
    [{ id: occurrenceId }] = await api.db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, now(), 'planned', 1, now()) RETURNING id`,
      [broadcastId],
    );
    // Planning: 5,000 SMS (in no counted state yet) and one loudspeaker item per commune, 90 s and 45 s long.
    await api.db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', s.phone, s.id, 0, 'planned', now() FROM subscriber s WHERE s.unit_id = ANY($3::uuid[])`,
      [occurrenceId, broadcastId, communes.map((c) => c.id)],
    );
    const [{ id: audioId }] = await api.db.query(
      `INSERT INTO loudspeaker_audio (cache_key, source, status, duration_ms) VALUES (md5(random()::text), 'upload', 'ready', 90000) RETURNING id`,
    );
    for (const [i, unit] of communes.entries()) {
      const [{ id: stationId }] = await api.db.query(
        `INSERT INTO station (unit_id, name, kind, token_hash) VALUES ($1, $2, 'commune-radio', md5(random()::text)) RETURNING id`,
        [unit.id, `Đài ${unit.name}`],
      );
      const [{ id: deliveryId }] = await api.db.query(
        `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
         VALUES ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'loudspeaker', $3, 0, 'sent', now()) RETURNING id`,
        [occurrenceId, broadcastId, stationId],
      );
      await api.db.query(
        `INSERT INTO station_playlist_item (delivery_id, station_id, airs_at, audio_id, priority, duration_ms, title, content_group)
         VALUES ($1, $2, now(), $3, 'normal', $4, 'Loa', 'one-stop-shop')`,
        [deliveryId, stationId, audioId, i === 0 ? 90_000 : 45_000],
      );
    }
  }, 60_000);
  afterAll(() => api?.close());

  const settled = async () => (await api.db.query(`SELECT 1 FROM report_sms_settled WHERE occurrence_id = $1`, [occurrenceId])).length > 0;

  it('counts a fan-out once from its rows, then a row per unit and state for 5,000 deliveries moved in one statement', async () => {
    await rollup.rollUp();
    expect(await outboxRows()).toEqual({ settlements: 0, counts: 0, reach: 0 });
    expect(await settled()).toBe(false); // 5,000 SMS still planned: the fan-out is not over

    // The fan-out, 4,000 then 1,000 in two statements: no outbox row for its SMS.
    expect((await smsStatus('planned', 'sent', 4_000))[1]).toBe(4_000);
    expect((await smsStatus('planned', 'sent', 1_000))[1]).toBe(1_000);
    expect(await outboxRows()).toEqual({ settlements: 0, counts: 0, reach: 0 });
    // The fan-out is over, but an engine transaction still open on this occurrence holds its lock (its
    // change is not visible yet): the rollup leaves the occurrence for a later pass.
    const runner = api.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const moved = await runner.query(
        `UPDATE delivery SET status = 'delivered' WHERE id IN (SELECT id FROM delivery WHERE occurrence_id = $1 AND channel = 'sms' ORDER BY id LIMIT 500)`,
        [occurrenceId],
      );
      expect(moved[1]).toBe(500);
      expect(await rollup.settle()).toBe(0);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await outboxRows()).toEqual({ settlements: 0, counts: 0, reach: 0 });
    expect(await rollup.settle()).toBe(1);
    expect(await settled()).toBe(true);
    await rollup.rollUp();

    // Settled: from now on each statement writes. sent → delivered (3,500, both communes): −sent and
    // +delivered per commune, no reach row (still reached).
    expect((await smsStatus('sent', 'delivered', 3_500))[1]).toBe(3_500);
    expect(await outboxRows()).toEqual({ settlements: 0, counts: 4, reach: 0 });
    // sent → undelivered (100, one commune): it leaves reach, one narrow row each.
    expect((await smsStatus('sent', 'undelivered', 100))[1]).toBe(100);
    expect(await outboxRows()).toEqual({ settlements: 0, counts: 6, reach: 100 });
    // Both loudspeaker items played, one statement: one row per commune carrying its item's airtime.
    await api.db.query(`UPDATE delivery SET status = 'delivered' WHERE occurrence_id = $1 AND channel = 'loudspeaker'`, [occurrenceId]);
    const airtime: { airtime: string }[] = await api.db.query(
      `SELECT airtime_ms::text AS airtime FROM report_delivery_count WHERE channel = 'loudspeaker' AND bucket = 'delivered' ORDER BY airtime_ms`,
    );
    expect(airtime.map((r) => r.airtime)).toEqual(['45000', '90000']);

    await rollup.rollUp();
    expect((await rollup.state()).pending).toBe(0);
    const [totals] = await api.db.query(
      `SELECT sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(undelivered)::int AS undelivered, sum(sms_parts)::int AS parts,
              sum(loudspeaker_plays)::int AS plays, sum(airtime_ms)::int AS airtime
         FROM report_daily WHERE unit_id = ANY($1::uuid[])`,
      [communes.map((c) => c.id)],
    );
    // delivered: 4,000 SMS and the 2 loudspeaker items.
    expect(totals).toEqual({ sent: 900, delivered: 4_002, undelivered: 100, parts: 5_000 * PARTS, plays: 2, airtime: 135_000 });
    const [{ reached }] = await api.db.query(`SELECT count(DISTINCT subscriber_id)::int AS reached FROM report_reach WHERE n > 0`);
    expect(reached).toBe(4_900);
    // The year's and the month's citizens: 4,900 over both communes, whichever content group.
    const citizens: { kind: string; cg: string; n: number }[] = await api.db.query(
      `SELECT kind, (content_group = '*')::text AS cg, sum(citizens)::int AS n FROM report_reach_citizens GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(citizens).toEqual([{ kind: 'M', cg: 'true', n: 4_900 }, { kind: 'Y', cg: 'false', n: 4_900 }, { kind: 'Y', cg: 'true', n: 4_900 }]);

    // report_monthly holds the same counters by month (a year report reads it).
    const monthTotals = await api.db.query(
      `SELECT sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(undelivered)::int AS undelivered, sum(sms_parts)::int AS parts,
              sum(loudspeaker_plays)::int AS plays, sum(airtime_ms)::int AS airtime
         FROM report_monthly WHERE unit_id = ANY($1::uuid[])`,
      [communes.map((c) => c.id)],
    );
    expect(monthTotals).toEqual([totals]);
    const incremental = await rolledUp();
    await rollup.rebuild();
    expect(await rolledUp()).toEqual(incremental);
  }, 60_000);
});
