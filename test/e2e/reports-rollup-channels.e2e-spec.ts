import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { createApprovedMessage, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { spawnWorker, type WorkerProcess } from '#test/worker-process.js';
import { behaviours } from '../fakes/fake-twilio.server.js';
import { localDay, markAudioReady, once, scheduleBroadcast } from './broadcasts-test-kit.js';
import { activityPayload } from './plans-test-kit.js';
import { startChannelsWorld, type ChannelsWorld } from './reports-channels-kit.js';
import { breakdownOf, inSubtree, readSourceRows, sumFigures, unitBreakdownOf, type Figures, type SourceRows } from './reports-recount.js';

// Two SMS parts in UCS-2 (over 70 code units), so parts and cost are not just the delivery count.
const SMS = 'UBND xã thông báo: từ thứ Hai, Bộ phận một cửa nhận hồ sơ trực tuyến cả ngày thứ Bảy; mọi thắc mắc xin gọi tổng đài 1022.';
const POLICY_SMS = 'Tu 1/1, ho tro hoc phi cho hoc sinh THCS. Lien he UBND xa.';
const CHANNELS = ['sms', 'loudspeaker', 'board', 'zalo', 'facebook'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Local HH:MM `minutes` from now in Viet Nam, for a quiet window around the present. */
function localClock(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  );
}

describe('Reports over every channel: after a scripted run and a worker SIGKILL, the API equals a recount of the rows', () => {
  let w: ChannelsWorld;
  const workers: WorkerProcess[] = [];
  // The run happens today; a day either side keeps a run across local midnight inside the period.
  const period = `from=${localDay(-1)}&to=${localDay(1)}`;

  beforeAll(async () => {
    w = await startChannelsWorld({ batchSize: 5, sendConcurrency: 1, workerConcurrency: 1, maxAttempts: 2 });
  }, 60_000);
  afterAll(async () => {
    for (const p of workers) if (p.running) p.child.kill('SIGKILL');
    await w?.close();
  });

  const get = (path: string, auth: string) => w.api.http.get(`/api/v1/reports/${path}`).set('authorization', auth);
  const summary = async (unitId: string, auth = w.officerAuth): Promise<Figures> => {
    const res = await get(`summary?${period}&unitId=${unitId}`, auth);
    expect(res.status).toBe(200);
    return res.body.current;
  };
  const breakdown = async (by: string, unitId: string, auth = w.officerAuth): Promise<Record<string, Figures>> => {
    const res = await get(`breakdown?${period}&unitId=${unitId}&by=${by}`, auth);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.rows.map((r: { key: string | null; figures: Figures }) => [String(r.key), r.figures]));
  };
  const recount = (): Promise<SourceRows> => readSourceRows(w.api.db, w.api.config.sms.pricePerPartVnd);
  const smsOf = (broadcastId: string) =>
    w.api.db.query(`SELECT status, count(*)::int AS n FROM delivery WHERE broadcast_id = $1 AND channel = 'sms' GROUP BY status`, [broadcastId]).then(
      (rows: { status: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>,
    );
  const deliveryOf = async (broadcastId: string, channel: string, endpoint: string): Promise<{ id: string; status: string; sid: string | null }> =>
    (
      await w.api.db.query(`SELECT id::text, status, provider_message_id AS sid FROM delivery WHERE broadcast_id = $1 AND channel = $2 AND endpoint = $3`, [
        broadcastId,
        channel,
        endpoint,
      ])
    )[0];

  it('counts sends, a retry, receipts, plays, showings, posts, an opt-out and a cancellation once each, per unit, channel and content group', async () => {
    const { api, twilio, province } = w;
    const [a, b] = w.communes;
    const messageId = await createApprovedMessage(api.db, {
      unit: province,
      author: w.officer,
      approver: w.supervisor,
      sms: SMS,
      // 'priority': a province's 'normal' bulletin would wait in the communes' relay lists (relays.e2e-spec.ts),
      // and this run needs it in the stations' slot at once.
      priority: 'priority',
      title: 'Bộ phận một cửa làm việc thứ Bảy',
      renditions: {
        loudspeaker: 'Thông báo: Bộ phận một cửa Ủy ban nhân dân xã làm việc cả ngày thứ Bảy.',
        board: { title: 'Một cửa làm việc thứ Bảy', body: 'Bộ phận một cửa nhận hồ sơ cả ngày thứ Bảy.' },
      },
    });
    // The fixture writes a message and its version in two statements: both messages are written before any
    // worker (the rollup) runs, so no approval is counted before its version exists (the API writes both at once).
    const policy = await createApprovedMessage(api.db, { unit: b.unit, author: w.officer, approver: w.supervisor, sms: POLICY_SMS });
    await api.db.query(`UPDATE message_version SET content_group = 'policy' WHERE message_id = $1`, [policy]);
    const request = { ...once(messageId, a.unit.id, new Date(), CHANNELS), targets: { unitIds: [a.unit.id, b.unit.id] } };
    // The first preview asks for the loudspeaker audio; it is marked rendered (speech has its own tests).
    expect((await api.http.post('/api/v1/broadcasts/preview').set('authorization', w.officerAuth).send(request)).status).toBe(400);
    await markAudioReady(api.db);
    const preview = await api.http.post('/api/v1/broadcasts/preview').set('authorization', w.officerAuth).send(request);
    expect(preview.body).toEqual(expect.objectContaining({ recipients: { sms: 16, loudspeaker: 2, board: 2, zalo: 1, facebook: 1 } }));

    // Twilio never answers: each SMS waits out the adapter's timeout, so the fan-out is slow enough to kill the worker in it.
    twilio.setDefault(behaviours.hang());
    workers.push(await spawnWorker(api.config));
    const first = await scheduleBroadcast(api, w.officerAuth, request);
    await waitFor(
      () => deliveryCounts(api.db, first),
      (c) => Object.values(c).reduce((x, y) => x + y, 0) === 16 + 2 + 2 + 2 && twilio.stats.accepted >= 1,
      30_000,
      'the broadcast planned on every channel and the SMS fan-out under way',
    );
    await waitFor(
      () => api.db.query(`SELECT count(*)::int AS n FROM delivery WHERE broadcast_id = $1 AND channel IN ('zalo','facebook') AND status = 'sent'`, [first]),
      ([{ n }]) => n === 2,
      30_000,
      'the two posts published',
    );
    workers[0].child.kill('SIGKILL');
    expect(await workers[0].exited).toEqual(expect.objectContaining({ code: null, signal: 'SIGKILL' }));

    // While no worker runs: a number of a batch not yet started opts out, another will fail at the provider.
    const untouched: string[] = (
      await api.db.query(
        `SELECT endpoint FROM delivery WHERE broadcast_id = $1 AND channel = 'sms'
            AND batch_no IN (SELECT batch_no FROM delivery WHERE broadcast_id = $1 AND channel = 'sms' GROUP BY batch_no HAVING bool_and(status = 'planned'))
          ORDER BY batch_no DESC, endpoint LIMIT 2`,
        [first],
      )
    ).map((r: { endpoint: string }) => r.endpoint);
    expect(untouched).toHaveLength(2);
    const [optPhone, failPhone] = untouched;
    const [{ id: optId }] = await api.db.query(`SELECT id FROM subscriber WHERE phone = $1`, [optPhone]);
    expect((await api.http.post(`/api/v1/subscribers/${optId}/opt-out`).set('authorization', w.officerAuth)).status).toBe(200);
    twilio.setDefault(behaviours.ok());
    twilio.respondTo(failPhone, behaviours.serverError());

    workers.push(await spawnWorker(api.config));
    const settled = await waitFor(() => smsOf(first), (c) => !c.planned && !c.sending && c.failed === 1, 45_000, 'the SMS fan-out finished by the new worker');
    expect(settled.skipped).toBe(1);
    expect((await deliveryOf(first, 'sms', failPhone)).status).toBe('failed');

    // The supervisor's retry: the failure leaves "failed" and is counted once, as sent.
    twilio.respondTo(failPhone, behaviours.ok());
    const failed = await deliveryOf(first, 'sms', failPhone);
    const retry = await api.http.post(`/api/v1/broadcasts/${first}/deliveries/retry`).set('authorization', w.supervisorAuth).send({ deliveryIds: [failed.id] });
    expect(retry.body).toEqual({ retried: 1 });
    await waitFor(() => deliveryOf(first, 'sms', failPhone), (d) => d.status === 'sent', 20_000, 'the retried SMS sent');

    // Receipts: one delivered (Twilio posts it twice), one undelivered, each on an SMS the provider took.
    const sentIn = async (unitId: string): Promise<string> =>
      (
        await api.db.query(
          `SELECT d.provider_message_id AS sid FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id
            WHERE d.broadcast_id = $1 AND d.channel = 'sms' AND d.status = 'sent' AND s.unit_id = $2 AND d.endpoint <> $3 ORDER BY d.endpoint LIMIT 1`,
          [first, unitId, failPhone],
        )
      )[0].sid;
    const [deliveredSid, undeliveredSid] = [await sentIn(a.unit.id), await sentIn(b.unit.id)];
    for (const r of [{ sid: deliveredSid, status: 'delivered' }, { sid: deliveredSid, status: 'delivered' }, { sid: undeliveredSid, status: 'undelivered' }]) {
      // Each message's own callback URL: it names our delivery id beside Twilio's sid.
      const callbackUrl = twilio.messages.find((m) => m.sid === r.sid)?.statusCallback as string;
      expect((await twilio.sendStatusCallback(callbackUrl, r)).status).toBe(204);
    }

    // Loudspeakers: each station pulls its playlist; A's plays to the end (the report is posted twice), B's fails.
    const played: Record<string, string> = {};
    for (const c of [a, b]) {
      const pull = await api.http.get(`/api/v1/devices/stations/playlist?date=${w.slotDate}`).set('authorization', `Bearer ${c.station.token}`);
      expect(pull.body.items).toHaveLength(1);
      played[c.unit.id] = pull.body.items[0].itemId;
    }
    const at = new Date().toISOString();
    const endReport = [{ itemId: played[a.unit.id], event: 'start', at }, { itemId: played[a.unit.id], event: 'end', at: new Date(Date.now() + 20_000).toISOString() }];
    for (let i = 0; i < 2; i++) {
      const res = await api.http.post('/api/v1/devices/stations/plays').set('authorization', `Bearer ${a.station.token}`).send(endReport);
      expect(res.body.unknownItems).toEqual([]);
    }
    await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${b.station.token}`)
      .send([{ itemId: played[b.unit.id], event: 'failure', at, error: 'mất nguồn' }])
      .expect(200);
    // Both copies of each repeated report were received and kept.
    const kept = await api.db.query(
      `SELECT (SELECT count(*) FROM delivery_receipt WHERE provider_message_id = $1 AND status = 'delivered')::int AS sms,
              (SELECT count(*) FROM delivery_receipt WHERE provider = 'station' AND delivery_id = $2 AND status = 'end')::int AS plays`,
      [deliveredSid, played[a.unit.id]],
    );
    expect(kept).toEqual([{ sms: 2, plays: 2 }]);

    // Boards: A's shows the slide (its heartbeat comes twice), B's never reports.
    const stale = await api.http.post('/api/v1/devices/boards/heartbeat').set('authorization', `Bearer ${a.board.token}`).send({ shownVersion: 'phien-ban-cu' });
    const beats: number[] = [];
    for (let i = 0; i < 2; i++) {
      beats.push((await api.http.post('/api/v1/devices/boards/heartbeat').set('authorization', `Bearer ${a.board.token}`).send({ shownVersion: stale.body.version })).body.delivered);
    }
    expect(beats).toEqual([1, 0]);

    // A second broadcast, of another content group, waits in quiet hours and is cancelled.
    await api.db.query(`UPDATE channel_policy SET quiet_start = $1, quiet_end = $2 WHERE channel = 'sms'`, [localClock(-60), localClock(60)]);
    const second = await scheduleBroadcast(api, w.officerAuth, once(policy, b.unit.id, new Date()));
    const planned = b.phones.filter((p) => p !== optPhone).length;
    await waitFor(() => smsOf(second), (c) => c.planned === planned, 20_000, 'the second broadcast planned');
    expect((await api.http.post(`/api/v1/broadcasts/${second}/cancel`).set('authorization', w.officerAuth)).status).toBe(200);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'sms'`);
    expect(await smsOf(second)).toEqual({ cancelled: planned });

    // The worker's own rollup (every 5 s) catches up with the rows; the worker is then stopped, so nothing moves.
    const whole = (rows: SourceRows) => sumFigures(rows, (f) => inSubtree(f.path, province.path), (r) => inSubtree(r.path, province.path));
    // A timeout falls through to the assertion below, which shows the difference.
    await waitFor(
      async () => isDeepStrictEqual(await summary(province.id), whole(await recount())),
      (equal) => equal,
      30_000,
      'the rollup caught up with the rows',
    ).catch(() => undefined);
    const worker = workers[workers.length - 1];
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    const rows = await recount();
    expect(await summary(province.id)).toEqual(whole(rows));

    // Figures the script fixes, whatever the crash left in doubt: each event once, a retried failure not at all.
    const channels = breakdownOf(rows, province.path, 'channel');
    const fixed = (f: Figures, keys: (keyof Figures)[]) => Object.fromEntries(keys.map((k) => [k, f[k]]));
    expect({
      none: fixed(channels.null, ['messagesApproved', 'broadcastsRun', 'occurrencesRun']),
      sms: fixed(channels.sms, ['broadcastsRun', 'delivered', 'undelivered', 'failed', 'optedOut', 'cancelled']),
      loudspeaker: fixed(channels.loudspeaker, ['sent', 'delivered', 'failed', 'loudspeakerPlays', 'airtimeSeconds']),
      board: fixed(channels.board, ['sent', 'delivered', 'boardShowings']),
      zalo: fixed(channels.zalo, ['sent', 'socialPosts']),
      facebook: fixed(channels.facebook, ['sent', 'socialPosts']),
    }).toEqual({
      // The cancelled broadcast handed nothing to any channel: it did not run.
      none: { messagesApproved: 2, broadcastsRun: 1, occurrencesRun: 1 },
      sms: { broadcastsRun: 1, delivered: 1, undelivered: 1, failed: 0, optedOut: 1, cancelled: planned },
      loudspeaker: { sent: 0, delivered: 1, failed: 1, loudspeakerPlays: 1, airtimeSeconds: 20 },
      board: { sent: 1, delivered: 1, boardShowings: 1 },
      zalo: { sent: 1, socialPosts: 1 },
      facebook: { sent: 1, socialPosts: 1 },
    });
    // Every SMS but the opt-out reached the provider, the crash's in doubt ones included.
    const sms = channels.sms;
    expect(sms.sent + sms.unknown + sms.delivered + sms.undelivered).toBe(15);

    expect(await breakdown('channel', province.id)).toEqual(breakdownOf(rows, province.path, 'channel'));
    expect(await breakdown('contentGroup', province.id)).toEqual(breakdownOf(rows, province.path, 'contentGroup'));
    const byUnit = await breakdown('unit', province.id);
    expect(Object.keys(byUnit).sort()).toEqual([province.id, a.unit.id, b.unit.id].sort());
    expect(byUnit).toEqual(unitBreakdownOf(rows, province, [a.unit, b.unit]));

    // A commune's officer sees the commune's own figures and nothing of the province or the other commune.
    for (const [c, other] of [[a, b], [b, a]] as const) {
      expect(await summary(c.unit.id, c.officerAuth)).toEqual(sumFigures(rows, (f) => inSubtree(f.path, c.unit.path), (r) => inSubtree(r.path, c.unit.path)));
      expect(Object.keys(await breakdown('unit', c.unit.id, c.officerAuth))).toEqual([c.unit.id]);
      expect((await get(`summary?${period}&unitId=${province.id}`, c.officerAuth)).status).toBe(404);
      expect((await get(`summary?${period}&unitId=${other.unit.id}`, c.officerAuth)).status).toBe(404);
    }
  }, 180_000);

  it('a rebuild from the source rows leaves report_daily and the reach tables exactly as the incremental rollup left them', async () => {
    expect(workers.some((p) => p.running)).toBe(false);
    const snapshot = async () => ({
      daily: await w.api.db.query(`SELECT to_jsonb(r) AS row FROM report_daily r ORDER BY to_jsonb(r)::text`),
      // report_monthly: added to incrementally beside report_daily, recounted from report_daily by the rebuild.
      monthly: await w.api.db.query(`SELECT to_jsonb(r) AS row FROM report_monthly r ORDER BY to_jsonb(r)::text`),
      // A citizen an SMS reached and then did not (an undelivered receipt) keeps a row of n = 0, which reads as absent.
      reach: await w.api.db.query(`SELECT to_jsonb(r) AS row FROM report_reach r WHERE r.n <> 0 ORDER BY to_jsonb(r)::text`),
      // The per-year and per-month citizens, kept by transitions incrementally, recounted from report_reach by the rebuild.
      members: await w.api.db.query(`SELECT to_jsonb(r) AS row FROM report_reach_member r WHERE r.days <> 0 ORDER BY to_jsonb(r)::text`),
      citizens: await w.api.db.query(`SELECT to_jsonb(r) AS row FROM report_reach_citizens r WHERE r.citizens <> 0 ORDER BY to_jsonb(r)::text`),
    });
    const before = await snapshot();
    expect(before.daily.length).toBeGreaterThan(0);
    expect(before.citizens.length).toBeGreaterThan(0);

    const { stdout } = await promisify(execFile)(process.execPath, ['dist/apps/cli/src/main.js', 'rebuild-reports'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: w.api.config.databaseUrl },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^reports rebuilt in \d+ ms/);
    expect(await snapshot()).toEqual(before);
  }, 90_000);

  it('a calendar year and a calendar month read the per-period citizens and give the figures of the daily rows', async () => {
    const { province } = w;
    const today = localDay(0);
    const [y, m] = today.split('-').map(Number);
    const lastOfMonth = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const at = async (path: string) => {
      const res = await get(path, w.officerAuth);
      expect(res.status).toBe(200);
      return res.body;
    };
    const rows = (body: { rows: { key: string | null; figures: Figures }[] }) =>
      Object.fromEntries(body.rows.map((r) => [String(r.key), r.figures.citizensReached]));
    // The run happened today: the 3-day period (daily rows, counted DISTINCT) holds all of it.
    const days = await at(`summary?${period}&unitId=${province.id}`);
    expect(days.current.citizensReached).toBeGreaterThan(0);
    for (const whole of [`from=${y}-01-01&to=${y}-12-31`, `from=${today.slice(0, 7)}-01&to=${lastOfMonth}`]) {
      const summary = await at(`summary?${whole}&unitId=${province.id}`);
      expect(summary.current).toEqual(days.current);
      expect(summary.previous.citizensReached).toBe(0);
      for (const by of ['unit', 'contentGroup', 'channel']) {
        expect(rows(await at(`breakdown?${whole}&unitId=${province.id}&by=${by}`))).toEqual(rows(await at(`breakdown?${period}&unitId=${province.id}&by=${by}`)));
      }
      const byMonth = rows(await at(`breakdown?${whole}&unitId=${province.id}&by=month`));
      expect(byMonth[today.slice(0, 7)]).toBe(days.current.citizensReached);
    }
    // Those periods were read from report_reach_citizens: a unit's year row holds its citizens.
    const [{ n }] = await w.api.db.query(
      `SELECT COALESCE(sum(citizens), 0)::int AS n FROM report_reach_citizens WHERE kind = 'Y' AND period = $1::date AND content_group = '*'`,
      [`${y}-01-01`],
    );
    expect(n).toBe(days.current.citizensReached);
  }, 60_000);

  it("a plan's progress over the same run: broadcasts, airtime, posts and SMS reach from the rollup, activities from the log, each equal to a recount", async () => {
    const { api, province } = w;
    const [a, b] = w.communes;
    const today = localDay(0);
    const recorded = await api.http
      .post('/api/v1/activities')
      .set('authorization', a.officerAuth)
      .send(activityPayload({ unitId: a.unit.id, occurredOn: today, contentGroups: ['one-stop-shop'] }));
    expect(recorded.status).toBe(201);
    const period = { from: localDay(-1), to: localDay(1) };
    const targets = [
      { metric: 'broadcasts', unitLevel: 'province' },
      { metric: 'broadcasts', unitLevel: 'commune' },
      { metric: 'broadcasts', contentGroup: 'one-stop-shop', unitLevel: 'province' },
      { metric: 'loudspeaker-minutes', unitLevel: 'commune' },
      { metric: 'posts', unitLevel: 'province' },
      { metric: 'sms-reach', unitLevel: 'commune' },
      { metric: 'activities', unitLevel: 'commune' },
    ];
    const plan = await api.http
      .post('/api/v1/plans')
      .set('authorization', w.supervisorAuth)
      .send({ title: 'Kế hoạch tuyên truyền đa kênh', ...period, targets: targets.map((t) => ({ ...t, value: 10 })) });
    expect(plan.status).toBe(201);
    const res = await api.http.get(`/api/v1/plans/${plan.body.id}/progress`).query({ asOf: period.to }).set('authorization', w.supervisorAuth);
    expect(res.status).toBe(200);
    const actuals = res.body.targets.map((t: { units: { unitId: string; actual: number }[] }) => Object.fromEntries(t.units.map((u) => [u.unitId, u.actual])));

    const rows = await recount();
    const under = (path: string, group?: string) => (f: SourceRows['facts'][number]) => inSubtree(f.path, path) && (!group || f.contentGroup === group);
    const figures = (path: string, group?: string) => sumFigures(rows, under(path, group), null);
    const minutes = (path: string) => Math.round(rows.facts.filter(under(path)).reduce((n, f) => n + (f.counts.airtimeMs ?? 0), 0) / 600) / 100;
    const reach = async (path: string) => {
      const [{ base }] = await api.db.query(
        `SELECT count(*)::int AS base FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id
          WHERE u.path <@ $1::ltree AND (s.opted_out_at IS NULL OR s.opted_out_at >= $2::date)`,
        [path, period.from],
      );
      const reached = new Set(rows.reached.filter((r) => inSubtree(r.path, path)).map((r) => r.subscriber)).size;
      return Math.round((10_000 * reached) / base) / 100;
    };
    const communes = (f: (path: string) => unknown) => Object.fromEntries([a, b].map((c) => [c.unit.id, f(c.unit.path)]));
    expect(actuals).toEqual([
      { [province.id]: figures(province.path).broadcastsRun },
      communes((p) => figures(p).broadcastsRun),
      { [province.id]: figures(province.path, 'one-stop-shop').broadcastsRun },
      communes(minutes),
      { [province.id]: figures(province.path).socialPosts },
      { [a.unit.id]: await reach(a.unit.path), [b.unit.id]: await reach(b.unit.path) },
      { [a.unit.id]: 1, [b.unit.id]: 0 },
    ]);
    // What the script fixes: A's station played 20 s, the province posted on Zalo and Facebook.
    expect([actuals[3][a.unit.id], actuals[4][province.id]]).toEqual([0.33, 2]);
    expect(actuals[5][a.unit.id]).toBeGreaterThan(0);
  }, 60_000);
});

