import { startTestApi, type TestApi } from '#test/test-api.js';
import { activityPayload, province, vnDay } from './plans-test-kit.js';

describe('plans: targets for every commune of a province, overrides, progress from activities, scope', () => {
  let api: TestApi;
  let ninhThuan: Awaited<ReturnType<typeof province>>;
  let bacGiang: Awaited<ReturnType<typeof province>>;
  let plan: { id: string; targets: { id: string; metric: string }[] };
  // A period that ends in 30 days: at its last day, what is expected is the whole target.
  const period = { from: vnDay(-30), to: vnDay(30) };

  beforeAll(async () => {
    api = await startTestApi();
    ninhThuan = await province(api, 'Ninh Thuận', 3);
    bacGiang = await province(api, 'Bắc Giang', 1);
    const created = await api.http
      .post('/api/v1/plans')
      .set('authorization', ninhThuan.supervisor.auth)
      .send({
        title: 'Kế hoạch thông tin, tuyên truyền cải cách hành chính',
        ...period,
        decision: { number: '855/KH-UBND', date: vnDay(-31), signer: 'Phó Chủ tịch UBND tỉnh' },
        targets: [
          { metric: 'activities', activityKind: 'conference', unitLevel: 'commune', value: 4 },
          { metric: 'activities', contentGroup: 'one-stop-shop', unitLevel: 'commune', value: 2 },
          { metric: 'broadcasts', channel: 'sms', contentGroup: 'modernisation', unitLevel: 'commune', value: 10 },
        ],
      });
    expect(created.status).toBe(201);
    plan = created.body;
  });
  afterAll(() => api.close());

  const progress = (auth: string, asOf?: string) =>
    api.http.get(`/api/v1/plans/${plan.id}/progress`).query(asOf ? { asOf } : {}).set('authorization', auth);
  const record = (auth: string, overrides: Record<string, unknown> = {}) =>
    api.http.post('/api/v1/activities').set('authorization', auth).send(activityPayload(overrides));

  it('stores the plan with its decision and targets, and audits the creation', async () => {
    expect(plan).toEqual(
      expect.objectContaining({
        unitId: ninhThuan.unit.id,
        unitName: 'Tỉnh Ninh Thuận',
        periodFrom: period.from,
        periodTo: period.to,
        decision: { number: '855/KH-UBND', date: vnDay(-31), signer: 'Phó Chủ tịch UBND tỉnh', attachmentId: null },
        targetCount: 3,
      }),
    );
    expect(plan.targets.map((t) => t.metric)).toEqual(['activities', 'activities', 'broadcasts']);
    const audit = await api.db.query(`SELECT action, actor_id FROM audit_event WHERE entity_type = 'plan' AND entity_id = $1`, [plan.id]);
    expect(audit).toEqual([{ action: 'create', actor_id: ninhThuan.supervisor.user.id }]);
  });

  it('shows every commune of the province per target, with an override winning over the target', async () => {
    const [conferences] = plan.targets;
    const second = ninhThuan.communes[1];
    const overridden = await api.http
      .put(`/api/v1/plans/${plan.id}/targets/${conferences.id}/overrides/${second.id}`)
      .set('authorization', ninhThuan.supervisor.auth)
      .send({ value: 1 });
    expect(overridden.status).toBe(200);
    expect(overridden.body.targets[0].overrides).toEqual([{ unitId: second.id, unitName: second.name, value: 1 }]);

    const res = await progress(ninhThuan.supervisor.auth, period.to);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ planId: plan.id, asOf: period.to, elapsedShare: 1 }));
    const units = res.body.targets[0].units;
    expect(units.map((u: { unitName: string }) => u.unitName)).toEqual(['Xã Ninh Thuận 1', 'Xã Ninh Thuận 2', 'Xã Ninh Thuận 3']);
    expect(units.map((u: { target: number; overridden: boolean }) => [u.target, u.overridden])).toEqual([
      [4, false],
      [1, true],
      [4, false],
    ]);
  });

  it('counts activities toward the targets they match, a village’s for its commune, within the plan’s period', async () => {
    const [first, second] = ninhThuan.officers;
    expect((await record(first.auth)).status).toBe(201);
    expect((await record(first.auth, { kind: 'dialogue', contentGroups: ['policy'] })).status).toBe(201);
    expect((await record(first.auth, { unitId: ninhThuan.village.id, contentGroups: [] })).status).toBe(201);
    expect((await record(second.auth, { contentGroups: ['one-stop-shop', 'policy'] })).status).toBe(201);
    // Before the plan's period: counts for nothing.
    expect((await record(second.auth, { occurredOn: vnDay(-40) })).status).toBe(201);
    // Another province's conference never counts here.
    expect((await record(bacGiang.officers[0].auth)).status).toBe(201);

    const res = await progress(ninhThuan.supervisor.auth, period.to);
    const [conferences, oneStop, sms] = res.body.targets;
    const figures = (t: { units: { actual: number; expected: number; status: string }[] }) =>
      t.units.map((u) => [u.actual, u.expected, u.status]);
    expect(figures(conferences)).toEqual([
      [2, 4, 'behind'],
      [1, 1, 'on-track'],
      [0, 4, 'behind'],
    ]);
    expect(figures(oneStop)).toEqual([
      [1, 2, 'behind'],
      [1, 2, 'behind'],
      [0, 2, 'behind'],
    ]);
    expect(conferences.unitsBehind).toBe(2);
    expect(oneStop.unitsBehind).toBe(3);
    // SMS broadcasts of the group come from the report rollup: none ran, so every commune is behind.
    expect(figures(sms)).toEqual([
      [0, 10, 'behind'],
      [0, 10, 'behind'],
      [0, 10, 'behind'],
    ]);
    expect(res.body.unitsBehind).toEqual([
      { unitId: ninhThuan.communes[0].id, unitName: 'Xã Ninh Thuận 1', targetsBehind: 3 },
      { unitId: ninhThuan.communes[2].id, unitName: 'Xã Ninh Thuận 3', targetsBehind: 3 },
      { unitId: ninhThuan.communes[1].id, unitName: 'Xã Ninh Thuận 2', targetsBehind: 2 },
    ]);
  });

  it('expects the target pro rata of the period gone by, today by default', async () => {
    const today = await progress(ninhThuan.supervisor.auth);
    expect(today.body.asOf).toBe(vnDay(0));
    expect(today.body.elapsedShare).toBeCloseTo(31 / 61, 4);
    const [conferences] = today.body.targets;
    // 4 × 31/61 = 2.03 expected: commune 1 has 2, within 10 %.
    expect(conferences.units.map((u: { expected: number; status: string }) => [u.expected, u.status])).toEqual([
      [2.03, 'on-track'],
      [0.51, 'ahead'],
      [2.03, 'behind'],
    ]);
  });

  it('shows a commune the province’s plan, its own row only; another province sees nothing of it', async () => {
    const officer = ninhThuan.officers[0];
    const listed = await api.http.get('/api/v1/plans').set('authorization', officer.auth);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    const own = await progress(officer.auth, period.to);
    expect(own.body.targets[0].units.map((u: { unitId: string }) => u.unitId)).toEqual([ninhThuan.communes[0].id]);

    const other = bacGiang.supervisor.auth;
    expect((await api.http.get('/api/v1/plans').set('authorization', other)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await api.http.get(`/api/v1/plans/${plan.id}`).set('authorization', other)).status).toBe(404);
    expect((await progress(other)).status).toBe(404);
    const activities = await api.http.get('/api/v1/activities').set('authorization', other);
    expect(activities.body.total).toBe(1);
    expect(activities.body.items[0].unitId).toBe(bacGiang.communes[0].id);
  });

  it('lets a commune read the province’s plan but not change it', async () => {
    const officer = ninhThuan.officers[0];
    const res = await api.http.put(`/api/v1/plans/${plan.id}`).set('authorization', officer.auth).send({ title: 'Sửa', ...period });
    expect(res.status).toBe(403);
    const supervisorBelow = await api.http
      .delete(`/api/v1/plans/${plan.id}/targets/${plan.targets[0].id}`)
      .set('authorization', bacGiang.supervisor.auth);
    expect(supervisorBelow.status).toBe(404);
  });

  it('drops a removed override and target, and audits each change', async () => {
    const [conferences, , sms] = plan.targets;
    const second = ninhThuan.communes[1];
    const auth = ninhThuan.supervisor.auth;
    const dropped = await api.http.delete(`/api/v1/plans/${plan.id}/targets/${conferences.id}/overrides/${second.id}`).set('authorization', auth);
    expect(dropped.body.targets[0].overrides).toEqual([]);
    const removed = await api.http.delete(`/api/v1/plans/${plan.id}/targets/${sms.id}`).set('authorization', auth);
    expect(removed.body.targets.map((t: { id: string }) => t.id)).toEqual([plan.targets[0].id, plan.targets[1].id]);
    const trail = await api.db.query(
      `SELECT entity_type, action FROM audit_event WHERE unit_id = $1 AND entity_type LIKE 'plan%' ORDER BY occurred_at, id`,
      [ninhThuan.unit.id],
    );
    expect(trail).toEqual([
      { entity_type: 'plan', action: 'create' },
      { entity_type: 'plan-target-override', action: 'update' },
      { entity_type: 'plan-target-override', action: 'delete' },
      { entity_type: 'plan-target', action: 'delete' },
    ]);
  });
});

/**
 * Every metric × scope (none, content group, channel, both) against rows written into the rollup as it
 * keeps them (report_daily, report_reach) and activities recorded through the API: each figure the
 * API shows is recomputed here from those rows, never written down.
 */
describe('plans: every target kind and scope measured from the rollup', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof province>>;
  let other: Awaited<ReturnType<typeof province>>;
  const period = { from: vnDay(-20), to: vnDay(20) };
  type Daily = { unitId: string; day: string; contentGroup: string; channel: string; column: string; value: number };
  type Reach = { unitId: string; day: string; contentGroup: string; subscriberId: string };
  const daily: Daily[] = [];
  const reach: Reach[] = [];
  const subscriberUnit = new Map<string, string>();
  const activities: { unitId: string; kind: string; contentGroups: string[]; occurredOn: string }[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    area = await province(api, 'Phạm Vi', 2);
    other = await province(api, 'Bên Ngoài', 1);
  });
  afterAll(() => api.close());

  async function put(row: Daily) {
    daily.push(row);
    await api.db.query(
      `INSERT INTO report_daily (day, unit_id, content_group, channel, priority, ${row.column}) VALUES ($1, $2, $3, $4, 'normal', $5)
       ON CONFLICT (day, unit_id, content_group, channel, priority) DO UPDATE SET ${row.column} = report_daily.${row.column} + excluded.${row.column}`,
      [row.day, row.unitId, row.contentGroup, row.channel, row.value],
    );
  }

  async function subscribers(unitId: string, count: number): Promise<string[]> {
    const rows: { id: string }[] = await api.db.query(
      `INSERT INTO subscriber (phone, unit_id, consent_source, consent_at)
       SELECT '+8491' || lpad((floor(random() * 1e5)::bigint * 100 + g)::text, 7, '0'), $1, 'officer', now() FROM generate_series(1, $2) g RETURNING id`,
      [unitId, count],
    );
    for (const r of rows) subscriberUnit.set(r.id, unitId);
    return rows.map((r) => r.id);
  }

  async function reached(row: Reach) {
    reach.push(row);
    await api.db.query(`INSERT INTO report_reach (day, unit_id, subscriber_id, content_group, n) VALUES ($1, $2, $3, $4, 1)`, [
      row.day,
      row.unitId,
      row.subscriberId,
      row.contentGroup,
    ]);
  }

  type Target = { metric: string; contentGroup?: string; channel?: string; activityKind?: string };
  const inPeriod = (day: string) => day >= period.from && day <= period.to;
  const round2 = (n: number) => Math.round(n * 100) / 100;

  /** What the target's actual must be for a commune, from the rows this test wrote. */
  function expectedActual(t: Target, subtree: string[]): number {
    const scoped = <R extends { unitId: string; day: string }>(rows: R[]) => rows.filter((r) => subtree.includes(r.unitId) && inPeriod(r.day));
    if (t.metric === 'activities') {
      return scoped(activities.map((a) => ({ ...a, day: a.occurredOn }))).filter(
        (a) => (!t.activityKind || a.kind === t.activityKind) && (!t.contentGroup || a.contentGroups.includes(t.contentGroup)),
      ).length;
    }
    if (t.metric === 'sms-reach') {
      const base = [...subscriberUnit.values()].filter((u) => subtree.includes(u)).length;
      const people = new Set(scoped(reach).filter((r) => !t.contentGroup || r.contentGroup === t.contentGroup).map((r) => r.subscriberId));
      return base === 0 ? 0 : Math.min(100, round2((100 * people.size) / base));
    }
    const column =
      t.metric === 'broadcasts' ? (t.channel ? 'broadcasts_on_channel' : 'broadcasts_run') : t.metric === 'posts' ? 'social_posts' : 'airtime_ms';
    const sum = scoped(daily)
      .filter((r) => r.column === column && (!t.contentGroup || r.contentGroup === t.contentGroup) && (!t.channel || r.channel === t.channel))
      .reduce((total, r) => total + r.value, 0);
    return column === 'airtime_ms' ? round2(sum / 60_000) : sum;
  }

  it('gives each commune the sum of its subtree’s rows for the target’s content group and channel', async () => {
    const [first, second] = area.communes;
    const village = area.village.id;
    const rows: [string, number, string, string, string, number][] = [
      [first.id, -2, 'one-stop-shop', '', 'broadcasts_run', 3],
      [village, -1, 'policy', '', 'broadcasts_run', 2],
      [first.id, -2, 'one-stop-shop', 'sms', 'broadcasts_on_channel', 2],
      [first.id, -2, 'one-stop-shop', 'loudspeaker', 'broadcasts_on_channel', 3],
      [village, -1, 'policy', 'sms', 'broadcasts_on_channel', 1],
      [first.id, -1, 'policy', 'zalo', 'broadcasts_on_channel', 1],
      [first.id, -2, 'one-stop-shop', 'loudspeaker', 'airtime_ms', 45 * 60_000],
      [village, -1, 'policy', 'loudspeaker', 'airtime_ms', 30 * 60_000 + 20_000],
      [first.id, -2, 'one-stop-shop', 'zalo', 'social_posts', 2],
      [first.id, -1, 'policy', 'facebook', 'social_posts', 3],
      [second.id, -3, 'policy', '', 'broadcasts_run', 4],
      [second.id, -3, 'policy', 'sms', 'broadcasts_on_channel', 4],
      [second.id, -3, 'policy', 'board', 'broadcasts_on_channel', 4],
      [second.id, -3, 'policy', 'loudspeaker', 'airtime_ms', 10 * 60_000],
      [second.id, -3, 'one-stop-shop', 'facebook', 'social_posts', 1],
      [second.id, -3, 'policy', 'zalo', 'social_posts', 1],
      // Before the period, and in another province: counted nowhere.
      [second.id, -40, 'policy', 'sms', 'broadcasts_on_channel', 9],
      [second.id, -40, 'policy', '', 'broadcasts_run', 9],
      [other.communes[0].id, -2, 'policy', 'sms', 'broadcasts_on_channel', 7],
    ];
    for (const [unitId, offset, contentGroup, channel, column, value] of rows) {
      await put({ unitId, day: vnDay(offset), contentGroup, channel, column, value });
    }
    const ones = [...(await subscribers(first.id, 4)), ...(await subscribers(village, 1))];
    const twos = await subscribers(second.id, 4);
    await reached({ unitId: first.id, day: vnDay(-2), contentGroup: 'one-stop-shop', subscriberId: ones[0] });
    await reached({ unitId: first.id, day: vnDay(-2), contentGroup: 'one-stop-shop', subscriberId: ones[1] });
    await reached({ unitId: first.id, day: vnDay(-1), contentGroup: 'policy', subscriberId: ones[1] });
    await reached({ unitId: village, day: vnDay(-1), contentGroup: 'policy', subscriberId: ones[4] });
    await reached({ unitId: second.id, day: vnDay(-1), contentGroup: 'policy', subscriberId: twos[0] });
    await reached({ unitId: second.id, day: vnDay(-40), contentGroup: 'one-stop-shop', subscriberId: twos[1] });
    for (const [officer, unitId, kind, contentGroups] of [
      [area.officers[0], first.id, 'conference', ['one-stop-shop']],
      [area.officers[0], village, 'dialogue', ['policy']],
      [area.officers[1], second.id, 'conference', ['policy', 'one-stop-shop']],
    ] as const) {
      const payload = { unitId, kind, contentGroups: [...contentGroups], occurredOn: vnDay(-3) };
      const res = await api.http.post('/api/v1/activities').set('authorization', officer.auth).send(activityPayload(payload));
      expect(res.status).toBe(201);
      activities.push(payload);
    }

    const targets: Target[] = [
      { metric: 'broadcasts' },
      { metric: 'broadcasts', contentGroup: 'one-stop-shop' },
      { metric: 'broadcasts', channel: 'sms' },
      { metric: 'broadcasts', channel: 'loudspeaker' },
      { metric: 'broadcasts', contentGroup: 'policy', channel: 'sms' },
      { metric: 'loudspeaker-minutes' },
      { metric: 'loudspeaker-minutes', contentGroup: 'policy' },
      { metric: 'loudspeaker-minutes', channel: 'loudspeaker' },
      { metric: 'loudspeaker-minutes', contentGroup: 'one-stop-shop', channel: 'loudspeaker' },
      { metric: 'posts' },
      { metric: 'posts', contentGroup: 'one-stop-shop' },
      { metric: 'posts', channel: 'facebook' },
      { metric: 'posts', contentGroup: 'policy', channel: 'zalo' },
      { metric: 'sms-reach' },
      { metric: 'sms-reach', contentGroup: 'policy' },
      { metric: 'sms-reach', channel: 'sms' },
      { metric: 'sms-reach', contentGroup: 'one-stop-shop', channel: 'sms' },
      { metric: 'activities' },
      { metric: 'activities', activityKind: 'conference' },
      { metric: 'activities', contentGroup: 'policy' },
      { metric: 'activities', activityKind: 'conference', contentGroup: 'policy' },
    ];
    const created = await api.http
      .post('/api/v1/plans')
      .set('authorization', area.supervisor.auth)
      .send({ title: 'Kế hoạch đo mọi chỉ tiêu', ...period, targets: targets.map((t) => ({ ...t, unitLevel: 'commune', value: 10 })) });
    expect(created.status).toBe(201);
    const res = await api.http.get(`/api/v1/plans/${created.body.id}/progress`).query({ asOf: period.to }).set('authorization', area.supervisor.auth);
    expect(res.status).toBe(200);

    const subtrees = [[first.id, village], [second.id]];
    const expected = targets.map((t) => subtrees.map((subtree) => expectedActual(t, subtree)));
    // Each target has a figure somewhere, so a scope that is ignored or dropped shows as a difference.
    for (const figures of expected) expect(figures.some((n) => n > 0)).toBe(true);
    const actual = res.body.targets.map((t: { units: { unitId: string; actual: number }[] }) => {
      expect(t.units.map((u) => u.unitId)).toEqual([first.id, second.id]);
      return t.units.map((u) => u.actual);
    });
    expect(actual).toEqual(expected);
    const statuses = res.body.targets.flatMap((t: { units: { status: string }[] }) => t.units.map((u) => u.status));
    expect(statuses.every((s: string) => ['ahead', 'on-track', 'behind'].includes(s))).toBe(true);
  });
});
