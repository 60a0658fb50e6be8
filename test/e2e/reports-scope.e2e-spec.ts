import ExcelJS from 'exceljs';
import { REPORT_TITLE, WORKBOOK_FIGURES } from '#services/reports/report-workbook.js';
import { ReportRollupRepository } from '#services/reports/report-rollup.repository.js';
import { RollupService } from '#services/reports/rollup.service.js';
import { createApprovedMessage, createSubscribers } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { localDay } from './broadcasts-test-kit.js';

/**
 * Reports read by callers at three places of two provinces. The facts are written the way the
 * engine leaves them (an occurrence planned, SMS deliveries in their final states); the triggers and
 * the rollup do the rest.
 */
describe('Reports API: a unit sees its subtree only, broken down one level down', () => {
  let api: TestApi;
  let north: TestUnit;
  let south: TestUnit;
  let hill: TestUnit;
  let river: TestUnit;
  let coast: TestUnit;
  const auth: Record<string, string> = {};
  const today = localDay(0);

  /** One SMS broadcast from `unit` whose deliveries end in `status`, one per subscriber. */
  async function sentTo(unit: TestUnit, author: TestUser, count: number, status: string, from: number): Promise<void> {
    await createSubscribers(api.db, { unit, count, from });
    const messageId = await createApprovedMessage(api.db, { unit, author, approver: author, sms: 'Thông báo lịch tiếp công dân.' });
    const [{ id: broadcastId }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [unit.id, messageId, author.id],
    );
    const [{ id: occurrenceId }] = await api.db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, now(), 'planned', 1, now()) RETURNING id`,
      [broadcastId],
    );
    await api.db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', s.phone, s.id, 0, 'planned', now() FROM subscriber s WHERE s.unit_id = $3`,
      [occurrenceId, broadcastId, unit.id],
    );
    await api.db.query(`UPDATE delivery SET status = $2, sent_at = now() WHERE occurrence_id = $1`, [occurrenceId, status]);
  }

  /**
   * A province broadcast heard on a station and shown on a board of Xã Sông: both count for the
   * commune they reached, not for the province that sent them.
   */
  async function provinceOnAir(author: TestUser): Promise<void> {
    const messageId = await createApprovedMessage(api.db, { unit: north, author, approver: author, sms: 'Loa và bảng tin.' });
    const [{ id: broadcastId }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{loudspeaker,board}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'priority') RETURNING id`,
      [north.id, messageId, author.id],
    );
    const [{ id: occurrenceId }] = await api.db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, now(), 'planned', 1, now()) RETURNING id`,
      [broadcastId],
    );
    const [{ id: stationId }] = await api.db.query(
      `INSERT INTO station (unit_id, name, kind, token_hash) VALUES ($1, 'Đài xã Sông', 'commune-radio', md5(random()::text)) RETURNING id`,
      [river.id],
    );
    const [{ id: boardId }] = await api.db.query(
      `INSERT INTO board (unit_id, name, token_hash, token_issued_at, created_by) VALUES ($1, 'Bảng tin xã Sông', md5(random()::text), now(), $2) RETURNING id`,
      [river.id, author.id],
    );
    const [{ id: audioId }] = await api.db.query(
      `INSERT INTO loudspeaker_audio (cache_key, source, status, duration_ms) VALUES (md5(random()::text), 'upload', 'ready', 90000) RETURNING id`,
    );
    const [speaker] = await api.db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
       VALUES ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'loudspeaker', $3, 0, 'planned', now()), ($1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'board', $4, 0, 'sent', now()) RETURNING id`,
      [occurrenceId, broadcastId, stationId, boardId],
    );
    await api.db.query(
      `INSERT INTO station_playlist_item (delivery_id, station_id, airs_at, audio_id, priority, duration_ms, title, content_group)
       VALUES ($1, $2, now(), $3, 'priority', 90000, 'Loa', 'one-stop-shop')`,
      [speaker.id, stationId, audioId],
    );
    // The station reports the item started then ended; the board reports it has shown the slide.
    await api.db.query(`UPDATE delivery SET status = 'sent' WHERE id = $1`, [speaker.id]);
    await api.db.query(`UPDATE delivery SET status = 'delivered', final_at = now() WHERE occurrence_id = $1`, [occurrenceId]);
  }

  beforeAll(async () => {
    api = await startTestApi();
    north = await createUnit(api.db, { name: 'Tỉnh Phía Bắc', level: 'province' });
    south = await createUnit(api.db, { name: 'Tỉnh Phía Nam', level: 'province' });
    hill = await createUnit(api.db, { name: 'Xã Đồi', level: 'commune', parent: north });
    river = await createUnit(api.db, { name: 'Xã Sông', level: 'commune', parent: north });
    coast = await createUnit(api.db, { name: 'Xã Biển', level: 'commune', parent: south });
    const users: Record<string, TestUser> = {};
    for (const [key, unit] of Object.entries({ north, south, hill, river, coast })) {
      users[key] = await createUser(api.db, { role: 'officer', unit });
      auth[key] = await bearer(api.http, users[key]);
    }
    await sentTo(hill, users.hill, 3, 'delivered', 100);
    await sentTo(river, users.river, 5, 'sent', 200);
    await sentTo(coast, users.coast, 7, 'failed', 300);
    await provinceOnAir(users.north);
    // Activities that are not broadcasts: a conference in a northern commune, a dialogue in the south.
    await api.db.query(
      `INSERT INTO communication_activity (unit_id, kind, title, occurred_on, place, participants, content_groups, created_by)
       VALUES ($1, 'conference', 'Hội nghị tuyên truyền CCHC', $3, 'Hội trường xã', 40, '{one-stop-shop}', $2),
              ($4, 'dialogue', 'Đối thoại với dân', $3, 'Nhà văn hóa', 99, '{}', $5)`,
      [river.id, users.river.id, today, coast.id, users.coast.id],
    );
    expect(await new RollupService(new ReportRollupRepository(api.db), api.config).rollUp()).toBeGreaterThan(0);
  }, 60_000);
  afterAll(() => api?.close());

  const get = (who: string, path: string) => api.http.get(`/api/v1/reports/${path}`).set('authorization', auth[who]);
  const period = `from=${today}&to=${today}`;

  it('shows a commune only itself, and refuses a sibling or its province', async () => {
    const own = await get('hill', `summary?${period}`);
    expect(own.status).toBe(200);
    expect(own.body.unit).toEqual({ id: hill.id, name: 'Xã Đồi', level: 'commune' });
    expect(own.body.current).toEqual(expect.objectContaining({ delivered: 3, sent: 0, failed: 0, citizensReached: 3, messagesApproved: 1, occurrencesRun: 1 }));
    expect((await get('hill', `summary?${period}&unitId=${river.id}`)).status).toBe(404);
    expect((await get('hill', `summary?${period}&unitId=${north.id}`)).status).toBe(404);
  });

  it("sums a province's communes, never another province's, beside an empty previous period", async () => {
    const res = await get('north', `summary?${period}`);
    expect(res.body.current).toEqual(
      expect.objectContaining({
        delivered: 5,
        sent: 5,
        failed: 0,
        smsParts: 8,
        smsCostVnd: 8 * api.config.sms.pricePerPartVnd,
        citizensReached: 8,
        broadcastsRun: 3,
        loudspeakerPlays: 1,
        airtimeSeconds: 90,
        boardShowings: 1,
      }),
    );
    const yesterday = localDay(-1);
    expect(res.body.previousPeriod).toEqual({ from: yesterday, to: yesterday });
    expect(res.body.previous).toEqual(expect.objectContaining({ delivered: 0, sent: 0, citizensReached: 0 }));
    const other = await get('south', `summary?${period}`);
    expect(other.body.current).toEqual(expect.objectContaining({ failed: 7, sent: 0, delivered: 0, citizensReached: 0 }));
    expect((await get('south', `breakdown?${period}&by=unit&unitId=${north.id}`)).status).toBe(404);
  });

  it('drills from the province to its communes and ranks them', async () => {
    const byUnit = await get('north', `breakdown?${period}&by=unit`);
    expect(byUnit.status).toBe(200);
    expect(byUnit.body.rows.map((r: { unit: { name: string }; figures: { sent: number; delivered: number } }) => [r.unit.name, r.figures.sent, r.figures.delivered])).toEqual([
      ['Tỉnh Phía Bắc', 0, 0],
      ['Xã Đồi', 0, 3],
      ['Xã Sông', 5, 2],
    ]);
    expect(byUnit.body.rows[0].unit.own).toBe(true);
    expect(byUnit.body.rows[0].figures.broadcastsRun).toBe(1);
    expect(byUnit.body.rows[2].figures).toEqual(expect.objectContaining({ loudspeakerPlays: 1, airtimeSeconds: 90, boardShowings: 1 }));
    const ranking = await get('north', `ranking?${period}&limit=1`);
    expect(ranking.body.top.map((r: { unit: { id: string }; reached: number }) => [r.unit.id, r.reached])).toEqual([[river.id, 7]]);
    expect(ranking.body.bottom.map((r: { unit: { id: string }; reached: number }) => [r.unit.id, r.reached])).toEqual([[hill.id, 3]]);
  });

  it('counts activities beside broadcasts in the summary, by unit, content group and month, and in the Excel report, within scope', async () => {
    const conference = { activities: 1, participants: 40 };
    const north = await get('north', `summary?${period}`);
    expect(north.body.activities).toEqual({
      current: { ...conference, byKind: [{ kind: 'conference', ...conference }] },
      previous: { activities: 0, participants: 0, byKind: [] },
    });
    expect((await get('south', `summary?${period}`)).body.activities.current).toEqual({
      activities: 1,
      participants: 99,
      byKind: [{ kind: 'dialogue', activities: 1, participants: 99 }],
    });
    expect((await get('hill', `summary?${period}`)).body.activities.current).toEqual({ activities: 0, participants: 0, byKind: [] });
    const byUnit = await get('north', `breakdown?${period}&by=unit`);
    expect(byUnit.body.rows.map((r: { unit: { name: string }; activities: object }) => [r.unit.name, r.activities])).toEqual([
      ['Tỉnh Phía Bắc', { activities: 0, participants: 0 }],
      ['Xã Đồi', { activities: 0, participants: 0 }],
      ['Xã Sông', conference],
    ]);
    const byGroup = await get('north', `breakdown?${period}&by=contentGroup`);
    expect(byGroup.body.rows.find((r: { key: string }) => r.key === 'one-stop-shop').activities).toEqual(conference);
    expect((await get('north', `breakdown?${period}&by=month`)).body.rows[0].activities).toEqual(conference);

    const res = await get('north', `export.xlsx?${period}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.body as Buffer).buffer as ArrayBuffer);
    const rows = Array.from(book.getWorksheet('Tổng hợp')!.getSheetValues(), (row) => (Array.isArray(row) ? Array.from(row.slice(1)) : []));
    const section = rows.findIndex((r) => r[1] === 'Hoạt động khác');
    expect(section).toBeGreaterThan(8);
    expect(rows.slice(section + 1, section + 5)).toEqual([
      ['STT', 'Loại hoạt động', 'Đơn vị tính', 'Kỳ này', 'Kỳ trước'],
      [1, 'Hội nghị', 'hoạt động', 1, 0],
      [undefined, 'Tổng số hoạt động', 'hoạt động', 1, 0],
      [undefined, 'Số người tham dự', 'người', 40, 0],
    ]);
  });

  it('breaks down by channel, content group, priority and month with the same totals', async () => {
    for (const by of ['channel', 'contentGroup', 'priority', 'month']) {
      const res = await get('north', `breakdown?${period}&by=${by}`);
      expect(res.status).toBe(200);
      const sum = (key: 'sent' | 'delivered') => res.body.rows.reduce((n: number, r: { figures: Record<string, number> }) => n + r.figures[key], 0);
      expect([by, sum('sent'), sum('delivered')]).toEqual([by, 5, 5]);
    }
    const byChannel = await get('north', `breakdown?${period}&by=channel`);
    expect(byChannel.body.rows.map((r: { key: string | null }) => r.key)).toEqual([null, 'board', 'loudspeaker', 'sms']);
    const byMonth = await get('north', `breakdown?${period}&by=month`);
    expect(byMonth.body.rows).toEqual([expect.objectContaining({ key: today.slice(0, 7), figures: expect.objectContaining({ citizensReached: 8 }) })]);
  });

  it('refuses a period that ends before it starts, an impossible date and an unknown dimension, naming the field', async () => {
    const reversed = await get('north', `summary?from=${today}&to=${localDay(-3)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.details).toEqual([{ field: 'to', rule: 'after-from', message: 'Ngày kết thúc không được trước ngày bắt đầu' }]);
    const impossible = await get('north', `summary?from=2026-02-30&to=2026-03-01`);
    expect(impossible.status).toBe(400);
    expect(impossible.body.details).toEqual([expect.objectContaining({ field: 'from', rule: 'date' })]);
    const unknown = await get('north', `breakdown?${period}&by=district`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'by', rule: 'isIn' })]);
  });
  it('exports an Excel report whose sheets, headers, period and totals match the API', async () => {
    const res = await get('north', `export.xlsx?${period}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.body as Buffer).buffer as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Theo nhóm nội dung']);
    const api = (await get('north', `summary?${period}`)).body;
    const vnToday = today.split('-').reverse().join('/');

    const totals = book.getWorksheet('Tổng hợp')!;
    const text = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.filter(Boolean).map(String) : []));
    expect(text(totals)).toEqual(
      expect.arrayContaining(['TỈNH PHÍA BẮC', REPORT_TITLE, `Kỳ báo cáo: từ ngày ${vnToday} đến ngày ${vnToday}`, 'Người lập biểu', 'Thủ trưởng đơn vị']),
    );
    const header = totals.getRow(8).values as unknown[];
    expect(header.slice(1)).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kỳ này', 'Kỳ trước']);
    WORKBOOK_FIGURES.forEach((f, i) => {
      const row = totals.getRow(9 + i).values as unknown[];
      expect([row[2], row[4]]).toEqual([f.label, api.current[f.key]]);
    });

    const byUnit = book.getWorksheet('Theo đơn vị')!;
    expect((byUnit.getRow(5).values as unknown[]).slice(1, 4)).toEqual(['STT', 'Đơn vị', `${WORKBOOK_FIGURES[0].label} (${WORKBOOK_FIGURES[0].unit})`]);
    const names = [6, 7, 8].map((n) => (byUnit.getRow(n).values as unknown[])[2]);
    expect(names).toEqual(['Tỉnh Phía Bắc (trực tiếp)', 'Xã Đồi', 'Xã Sông']);
    const total = byUnit.getRow(9).values as unknown[];
    expect(total[2]).toBe('Tổng cộng');
    WORKBOOK_FIGURES.forEach((f, i) => expect([f.key, total[3 + i]]).toEqual([f.key, api.current[f.key]]));
    const delivered = 3 + WORKBOOK_FIGURES.findIndex((f) => f.key === 'delivered');
    const column = [6, 7, 8].map((n) => Number((byUnit.getRow(n).values as unknown[])[delivered]));
    expect(column.reduce((a, b) => a + b, 0)).toBe(total[delivered]);
  });
  it('rebuilds the same figures for every channel and unit from the source rows', async () => {
    const before = await Promise.all(['north', 'south'].map((who) => get(who, `breakdown?${period}&by=unit`)));
    await new RollupService(new ReportRollupRepository(api.db), api.config).rebuild();
    const after = await Promise.all(['north', 'south'].map((who) => get(who, `breakdown?${period}&by=unit`)));
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(before[0].body.rows.length).toBe(3);
  });
});
