import type { INestApplicationContext } from '@nestjs/common';
import { RollupService } from '#services/reports/rollup.service.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { createUnit, type TestUnit } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { localDay, once, scheduleBroadcast } from './broadcasts-test-kit.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

/**
 * Targets narrowed to a channel (broadcasts) or a content group (SMS reach) are measured from what the
 * rollup counts of real SMS broadcasts: the figures equal a recount from the broadcasts and deliveries,
 * after the incremental rollup and after a rebuild.
 */
describe('plans: broadcasts by channel and SMS reach by content group, from the engine through the rollup', () => {
  let bed: SmsTestbed;
  let api: TestApi;
  let worker: INestApplicationContext;
  let communes: TestUnit[];
  const today = localDay(0);

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Kế Hoạch', listen: true });
    ({ api, worker } = bed);
    communes = [
      await createUnit(api.db, { name: 'Xã Kế Hoạch 1', level: 'commune', parent: bed.province }),
      await createUnit(api.db, { name: 'Xã Kế Hoạch 2', level: 'commune', parent: bed.province }),
    ];
  }, 60_000);
  afterAll(() => bed?.close());

  async function broadcast(commune: TestUnit, contentGroup: string, expectedSent: number): Promise<string> {
    const message = await createApprovedMessage(api.db, { unit: commune, author: bed.officer, approver: bed.supervisor, sms: `Thông báo ${contentGroup}` });
    await api.db.query(`UPDATE message_version SET content_group = $2 WHERE message_id = $1`, [message, contentGroup]);
    const id = await scheduleBroadcast(api, bed.officerAuth, once(message, commune.id, new Date()));
    await waitFor(() => deliveryCounts(api.db, id), (c) => c.sent === expectedSent, 20_000, `broadcast of ${contentGroup} sent`);
    return id;
  }

  /** Per commune, straight from the source rows: SMS broadcasts of the group sent by its subtree, and citizens reached by the group's SMS. */
  async function recount(contentGroup: string | null): Promise<{ broadcasts: number[]; reach: number[] }> {
    const broadcasts: number[] = [];
    const reach: number[] = [];
    for (const commune of communes) {
      const [row] = await api.db.query(
        `SELECT (SELECT count(DISTINCT b.id) FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id
                   JOIN occurrence o ON o.broadcast_id = b.id AND o.status IN ('planned','completed')
                   JOIN message_version v ON v.message_id = b.message_id AND v.version_no = b.message_version
                  WHERE u.path <@ $1::ltree AND 'sms' = ANY(b.channels) AND ($2::text IS NULL OR v.content_group = $2))::int AS broadcasts,
                (SELECT count(DISTINCT d.subscriber_id) FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id JOIN admin_unit u ON u.id = s.unit_id
                   JOIN broadcast b ON b.id = d.broadcast_id JOIN message_version v ON v.message_id = b.message_id AND v.version_no = b.message_version
                  WHERE u.path <@ $1::ltree AND d.channel = 'sms' AND d.status IN ('sent','delivered') AND ($2::text IS NULL OR v.content_group = $2))::int AS reached,
                (SELECT count(*) FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id WHERE u.path <@ $1::ltree AND s.opted_out_at IS NULL)::int AS base`,
        [commune.path, contentGroup],
      );
      broadcasts.push(row.broadcasts);
      reach.push(row.base === 0 ? 0 : Math.round((10_000 * row.reached) / row.base) / 100);
    }
    return { broadcasts, reach };
  }

  it('counts a broadcast on each of its channels and a citizen under the content group that reached them', async () => {
    const [first, second] = communes;
    await createSubscribers(api.db, { unit: first, count: 4, from: 300 });
    await createSubscribers(api.db, { unit: second, count: 3, from: 400 });
    await broadcast(first, 'one-stop-shop', 4);
    await broadcast(first, 'policy', 4);
    await broadcast(second, 'policy', 3);
    await worker.get(RollupService, { strict: false }).rollUp();

    const created = await api.http
      .post('/api/v1/plans')
      .set('authorization', bed.supervisorAuth)
      .send({
        title: 'Kế hoạch tuyên truyền qua tin nhắn',
        from: today,
        to: today,
        targets: [
          { metric: 'broadcasts', channel: 'sms', unitLevel: 'commune', value: 2 },
          { metric: 'broadcasts', channel: 'sms', contentGroup: 'policy', unitLevel: 'commune', value: 1 },
          { metric: 'broadcasts', channel: 'loudspeaker', unitLevel: 'commune', value: 1 },
          { metric: 'sms-reach', contentGroup: 'one-stop-shop', unitLevel: 'commune', value: 50 },
          { metric: 'sms-reach', contentGroup: 'policy', unitLevel: 'commune', value: 50 },
          { metric: 'sms-reach', unitLevel: 'commune', value: 50 },
        ],
      });
    expect(created.status).toBe(201);
    const actuals = async () => {
      const res = await api.http.get(`/api/v1/plans/${created.body.id}/progress`).set('authorization', bed.supervisorAuth);
      expect(res.status).toBe(200);
      return res.body.targets.map((t: { units: { actual: number }[] }) => t.units.map((u) => u.actual));
    };

    const all = await recount(null);
    const policy = await recount('policy');
    const oneStop = await recount('one-stop-shop');
    expect(all.broadcasts).toEqual([2, 1]);
    expect(oneStop.reach).toEqual([100, 0]);
    const expected = [all.broadcasts, policy.broadcasts, [0, 0], oneStop.reach, policy.reach, all.reach];
    const incremental = await actuals();
    expect(incremental).toEqual(expected);

    await worker.get(RollupService, { strict: false }).rebuild();
    expect(await actuals()).toEqual(incremental);
  }, 90_000);
});
