import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { province, vnDay } from './plans-test-kit.js';

/**
 * Broadcast figures of plan progress are the report rollup's: rows are written into report_daily and
 * report_reach as the rollup keeps them (its own tests prove those equal the deliveries), and progress
 * must show exactly their sums per commune. The same progress after a real run through the engine and
 * the rollup, with an activity, is checked in reports-rollup-channels.e2e-spec.ts.
 */
describe('plans: progress of broadcast targets equals what the report rollup holds', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof province>>;
  let other: Awaited<ReturnType<typeof province>>;
  const period = { from: vnDay(-20), to: vnDay(20) };

  beforeAll(async () => {
    api = await startTestApi();
    area = await province(api, 'Tổng hợp', 2);
    other = await province(api, 'Ngoài', 1);
  });
  afterAll(() => api.close());

  async function daily(unitId: string, day: string, channel: string, contentGroup: string, counters: Record<string, number>) {
    const columns = Object.keys(counters);
    await api.db.query(
      `INSERT INTO report_daily (day, unit_id, content_group, channel, priority, ${columns.join(', ')})
       VALUES ($1, $2, $3, $4, 'normal', ${columns.map((_, i) => `$${i + 5}`).join(', ')})`,
      [day, unitId, contentGroup, channel, ...Object.values(counters)],
    );
  }

  async function subscribers(unitId: string, count: number): Promise<string[]> {
    const rows: { id: string }[] = await api.db.query(
      `INSERT INTO subscriber (phone, unit_id, consent_source, consent_at)
       SELECT '+849' || lpad((floor(random() * 1e6)::bigint * 100 + g)::text, 8, '0'), $1, 'officer', now() FROM generate_series(1, $2) g RETURNING id`,
      [unitId, count],
    );
    return rows.map((r) => r.id);
  }

  async function reached(unitId: string, ids: string[], day: string) {
    await api.db.query(`INSERT INTO report_reach (day, unit_id, subscriber_id, n) SELECT $1, $2, unnest($3::uuid[]), 1`, [day, unitId, ids]);
  }

  it('sums broadcasts, airtime and posts per commune subtree and content group, and SMS reach as a share of subscribers; the Excel workbook lists the same figures', async () => {
    const [first, second] = area.communes;
    // Commune 1 (and its village): 3 broadcasts of the group, 1 of another; 90 + 30 minutes of airtime; 2 Zalo posts.
    await daily(first.id, vnDay(-2), '', 'one-stop-shop', { broadcasts_run: 2 });
    await daily(area.village.id, vnDay(-1), '', 'one-stop-shop', { broadcasts_run: 1 });
    await daily(first.id, vnDay(-1), '', 'policy', { broadcasts_run: 1 });
    await daily(first.id, vnDay(-2), 'loudspeaker', 'one-stop-shop', { airtime_ms: 90 * 60_000, loudspeaker_plays: 3 });
    await daily(area.village.id, vnDay(-3), 'loudspeaker', 'policy', { airtime_ms: 30 * 60_000 });
    await daily(first.id, vnDay(-2), 'zalo', 'one-stop-shop', { social_posts: 2 });
    await daily(first.id, vnDay(-2), 'facebook', 'one-stop-shop', { social_posts: 5 });
    // Outside the period, and another province: never counted.
    await daily(second.id, vnDay(-30), '', 'one-stop-shop', { broadcasts_run: 9 });
    await daily(other.communes[0].id, vnDay(-2), '', 'one-stop-shop', { broadcasts_run: 7 });
    // SMS reach: commune 1 reached 3 of its 4 subscribers (one twice), commune 2 one of 5, one of those before the period.
    const ones = await subscribers(first.id, 4);
    const twos = await subscribers(second.id, 5);
    await reached(first.id, ones.slice(0, 3), vnDay(-2));
    await reached(first.id, ones.slice(0, 1), vnDay(-1));
    await reached(second.id, twos.slice(0, 1), vnDay(-1));
    await reached(second.id, twos.slice(1, 2), vnDay(-25));

    const created = await api.http
      .post('/api/v1/plans')
      .set('authorization', area.supervisor.auth)
      .send({
        title: 'Kế hoạch tuyên truyền CCHC',
        ...period,
        targets: [
          { metric: 'broadcasts', contentGroup: 'one-stop-shop', unitLevel: 'commune', value: 6 },
          { metric: 'broadcasts', unitLevel: 'commune', value: 8 },
          { metric: 'loudspeaker-minutes', unitLevel: 'commune', value: 240 },
          { metric: 'posts', channel: 'zalo', unitLevel: 'commune', value: 4 },
          { metric: 'sms-reach', unitLevel: 'commune', value: 80 },
          { metric: 'sms-reach', contentGroup: 'policy', unitLevel: 'commune', value: 50 },
        ],
      });
    expect(created.status).toBe(201);

    const res = await api.http.get(`/api/v1/plans/${created.body.id}/progress`).query({ asOf: period.to }).set('authorization', area.supervisor.auth);
    expect(res.status).toBe(200);
    const actuals = res.body.targets.map((t: { units: { actual: number | null }[] }) => t.units.map((u) => u.actual));
    expect(actuals).toEqual([
      [3, 0],
      [4, 0],
      [120, 0],
      [2, 0],
      [75, 20],
      // The reach rows above carry no content group (''): none reached by SMS of the "policy" group.
      [0, 0],
    ]);
    const statuses = res.body.targets.map((t: { units: { status: string | null }[] }) => t.units.map((u) => u.status));
    expect(statuses[0]).toEqual(['behind', 'behind']);
    expect(statuses[4]).toEqual(['on-track', 'behind']);
    expect(statuses[5]).toEqual(['behind', 'behind']);

    const file = await api.http
      .get(`/api/v1/plans/${created.body.id}/progress.xlsx`)
      .query({ asOf: period.to })
      .set('authorization', area.supervisor.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="tien-do-ke-hoach-${period.to}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(file.body as Buffer).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tiến độ')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0][0]).toBe('TỈNH TỔNG HỢP');
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị', 'Kế hoạch', 'Dự kiến đến ngày', 'Thực hiện', 'Tỷ lệ so với kế hoạch (%)', 'Đánh giá']);
    expect(rows.slice(header + 1, header + 3)).toEqual([
      [1, 'Số lượt phát tin – nhóm nội dung: Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính', 'Xã Tổng hợp 1', 6, 6, 3, 50, 'Chậm tiến độ'],
      [2, 'Số lượt phát tin – nhóm nội dung: Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính', 'Xã Tổng hợp 2', 6, 6, 0, 0, 'Chậm tiến độ'],
    ]);
    // Every (target, unit) of the API is a row, with the API's figures.
    const dataRows = rows.slice(header + 1).filter((r) => typeof r[0] === 'number');
    expect(dataRows.map((r) => r[5])).toEqual(actuals.flat().map((a: number | null) => a ?? 'Chưa có số liệu'));
  });
});
