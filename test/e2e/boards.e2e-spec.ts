import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { boardDeliveries, createBoardMessage, occurrenceOf, scheduleToBoards, uploadImage } from './boards-test-kit.js';

describe('bulletin boards: registry, feed, heartbeat (HTTP, real Postgres)', () => {
  let api: TestApi;
  let province: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let village: TestUnit;
  let supervisor: TestUser;
  let officerA: TestUser;
  let authA: string;
  let authB: string;
  let supervisorAuth: string;

  beforeAll(async () => {
    api = await startTestApi({ boardOfflineAfterSeconds: 60 });
    province = await createUnit(api.db, { name: 'Tỉnh Bảng Tin', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Bản Giới', level: 'commune', parent: province });
    communeB = await createUnit(api.db, { name: 'Xã Đàm Thủy', level: 'commune', parent: province });
    village = await createUnit(api.db, { name: 'Thôn Nà Ngần', level: 'village', parent: communeA });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    officerA = await createUser(api.db, { role: 'officer', unit: communeA });
    const officerB = await createUser(api.db, { role: 'officer', unit: communeB });
    authA = await bearer(api.http, officerA);
    authB = await bearer(api.http, officerB);
    supervisorAuth = await bearer(api.http, supervisor);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function register(auth: string, unit: TestUnit, name: string, extra: Record<string, unknown> = {}) {
    const res = await api.http.post('/api/v1/boards').set('authorization', auth).send({ unitId: unit.id, name, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string; kioskUrl: string };
  }

  /** Schedules to the boards of the units and plans the occurrence now (the worker's job, run in-process). */
  async function publish(messageId: string, unitIds: string[], auth = supervisorAuth): Promise<string> {
    const broadcastId = await scheduleToBoards(api.http, auth, messageId, unitIds);
    const result = await api.app.get(OccurrencePlannerService).run(await occurrenceOf(api.db, broadcastId));
    expect(result.kind).toBe('planned');
    return broadcastId;
  }

  it('registers a board in the caller subtree with a token shown once, audited, and hides it from other communes', async () => {
    const board = await register(authA, communeA, 'Bảng tin nhà văn hóa', { villageId: village.id, location: 'Cổng nhà văn hóa thôn' });
    expect(board.token).toMatch(/^tcs_bd_/);
    expect(board.kioskUrl).toBe(`${api.config.publicBaseUrl}/boards/${board.token}`);
    const [{ token_hash }] = await api.db.query(`SELECT token_hash FROM board WHERE id = $1`, [board.id]);
    expect(token_hash).not.toContain(board.token);

    const got = await api.http.get(`/api/v1/boards/${board.id}`).set('authorization', authA);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(expect.objectContaining({ name: 'Bảng tin nhà văn hóa', villageName: 'Thôn Nà Ngần', online: false }));
    expect(got.body.token).toBeUndefined();
    expect((await api.http.get(`/api/v1/boards/${board.id}`).set('authorization', authB)).status).toBe(404);
    expect((await api.http.patch(`/api/v1/boards/${board.id}`).set('authorization', authB).send({ name: 'x' })).status).toBe(404);

    const outside = await api.http.post('/api/v1/boards').set('authorization', authA).send({ unitId: communeB.id, name: 'Không được' });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toEqual([expect.objectContaining({ field: 'unitId', rule: 'in-scope' })]);

    const renamed = await api.http.patch(`/api/v1/boards/${board.id}`).set('authorization', authA).send({ name: 'Bảng tin thôn Nà Ngần', location: null });
    expect(renamed.body).toEqual(expect.objectContaining({ name: 'Bảng tin thôn Nà Ngần', location: null }));

    const rotated = await api.http.post(`/api/v1/boards/${board.id}/token`).set('authorization', authA);
    expect(rotated.status).toBe(200);
    expect((await api.http.get(`/boards/${board.token}/slides.json`)).status).toBe(404);
    expect((await api.http.get(`/boards/${rotated.body.token}/slides.json`)).status).toBe(200);

    expect((await api.http.delete(`/api/v1/boards/${board.id}`).set('authorization', authA)).status).toBe(204);
    expect((await api.http.get(`/boards/${rotated.body.token}/slides.json`)).status).toBe(404);
    const audit: { action: string }[] = await api.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'board' AND entity_id = $1 ORDER BY id`,
      [board.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'rotate-token', 'delete']);
  });

  it('serves each board its own slides as JSON (path token or Bearer), with ETag, and a board token reads nothing of another board', async () => {
    const boardA = await register(authA, communeA, 'Bảng tin UBND xã Bản Giới');
    const boardB = await register(authB, communeB, 'Bảng tin UBND xã Đàm Thủy');
    const imageId = await uploadImage(api.http, supervisorAuth);
    const messageA = await createBoardMessage(api.db, {
      unit: province,
      author: supervisor,
      approver: supervisor,
      title: 'Lịch tiếp dân tháng 3',
      body: 'Bộ phận một cửa tiếp nhận hồ sơ từ thứ Hai đến sáng thứ Bảy.',
      imageIds: [imageId],
    });
    const messageB = await createBoardMessage(api.db, {
      unit: province,
      author: supervisor,
      approver: supervisor,
      title: 'Nộp hồ sơ trực tuyến',
      body: 'Nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html để không phải đến xã.',
    });
    const preview = await api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', supervisorAuth)
      .send({ messageId: messageA, channels: ['board'], targets: { unitIds: [communeA.id] }, schedule: { kind: 'once', at: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(preview.body.recipients).toEqual({ board: 1 });
    const broadcastA = await publish(messageA, [communeA.id]);
    await publish(messageB, [communeB.id]);

    const feedA = await api.http.get(`/boards/${boardA.token}/slides.json`);
    expect(feedA.status).toBe(200);
    expect(feedA.body.board).toEqual(expect.objectContaining({ id: boardA.id, unitName: 'Xã Bản Giới' }));
    expect(feedA.body.slides).toHaveLength(1);
    const [slide] = feedA.body.slides;
    expect(slide).toEqual(
      expect.objectContaining({
        title: 'Lịch tiếp dân tháng 3',
        priority: 'normal',
        qrUrl: `${api.config.publicBaseUrl}/public/messages/${messageA}`,
        imageUrl: `${api.config.publicBaseUrl}/boards/${boardA.token}/images/${imageId}`,
      }),
    );
    expect(slide.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const days = (Date.parse(slide.expiresAt) - Date.parse(slide.startsAt)) / 86_400_000;
    expect(days).toBeCloseTo(api.config.boardSlideDays, 5);

    const image = await api.http.get(`/boards/${boardA.token}/images/${imageId}`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect((await api.http.get(`/boards/${boardB.token}/images/${imageId}`)).status).toBe(404);

    const feedB = await api.http.get('/api/v1/devices/boards/feed').set('authorization', `Bearer ${boardB.token}`);
    expect(feedB.status).toBe(200);
    expect(feedB.body.board.id).toBe(boardB.id);
    expect(feedB.body.slides.map((s: { title: string }) => s.title)).toEqual(['Nộp hồ sơ trực tuyến']);
    expect(feedB.body.slides[0].qrUrl).toBe('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html');
    expect((await api.http.get('/api/v1/devices/boards/feed').set('authorization', 'Bearer tcs_bd_khong-co-that')).status).toBe(401);
    expect((await api.http.get('/api/v1/devices/boards/feed').set('authorization', authA)).status).toBe(401);

    const again = await api.http.get(`/boards/${boardA.token}/slides.json`).set('if-none-match', feedA.headers.etag);
    expect(again.status).toBe(304);
    expect(await boardDeliveries(api.db, broadcastA)).toEqual([{ endpoint: boardA.id, status: 'sent' }]);

    expect((await api.http.post(`/api/v1/broadcasts/${broadcastA}/cancel`).set('authorization', supervisorAuth)).status).toBe(200);
    const afterCancel = await api.http.get(`/boards/${boardA.token}/slides.json`);
    expect(afterCancel.body.slides).toEqual([]);
    expect(afterCancel.body.version).not.toBe(feedA.body.version);
  });

  it('turns a slide delivered only when the board reports the version that contains it', async () => {
    const board = await register(authA, communeA, 'Bảng tin chợ xã');
    const messageId = await createBoardMessage(api.db, { unit: communeA, author: officerA, approver: supervisor, title: 'Tiêm chủng', body: 'Tiêm chủng mở rộng sáng thứ Năm.' });
    const broadcastId = await publish(messageId, [communeA.id], authA);
    const beat = (shownVersion: string) => api.http.post(`/boards/${board.token}/heartbeat`).send({ shownVersion });

    const stale = await beat('phien-ban-cu');
    expect(stale.status).toBe(200);
    expect(stale.body.delivered).toBe(0);
    expect((await boardDeliveries(api.db, broadcastId)).find((d) => d.endpoint === board.id)?.status).toBe('sent');

    const fresh = await beat(stale.body.version);
    expect(fresh.body).toEqual({ version: stale.body.version, delivered: 1 });
    expect((await boardDeliveries(api.db, broadcastId)).find((d) => d.endpoint === board.id)?.status).toBe('delivered');
    expect((await api.http.post(`/boards/${board.token}/heartbeat`).send({ shownVersion: '<script>' })).status).toBe(400);

    await api.db.query(`UPDATE broadcast SET status = 'completed' WHERE id = $1`, [broadcastId]);
    const otherCommune = await api.http.post(`/api/v1/boards/broadcasts/${broadcastId}/withdraw`).set('authorization', authB);
    expect(otherCommune.status).toBe(404);
    const withdrawn = await api.http.post(`/api/v1/boards/broadcasts/${broadcastId}/withdraw`).set('authorization', authA);
    expect(withdrawn.body).toEqual({ withdrawn: 2 });
    const audit = await api.db.query(`SELECT unit_id, data FROM audit_event WHERE entity_id = $1 AND action = 'withdraw-board-slides'`, [broadcastId]);
    expect(audit).toEqual([{ unit_id: communeA.id, data: { withdrawn: 2 } }]);
    expect((await api.http.get(`/boards/${board.token}/slides.json`)).body.slides).toEqual([]);
  });

  it('flags a board offline when its heartbeat is older than BOARD_OFFLINE_AFTER_SECONDS', async () => {
    const quiet = await register(authB, communeB, 'Bảng tin im lặng');
    const alive = await register(authB, communeB, 'Bảng tin đang chạy');
    await api.http.post('/api/v1/devices/boards/heartbeat').set('authorization', `Bearer ${quiet.token}`).send({}).expect(200);
    await api.http.post(`/boards/${alive.token}/heartbeat`).send({}).expect(200);
    await api.db.query(`UPDATE board SET last_seen_at = now() - interval '61 seconds' WHERE id = $1`, [quiet.id]);

    const list = await api.http.get('/api/v1/boards').query({ unitId: communeB.id, pageSize: 100 }).set('authorization', authB);
    expect(list.status).toBe(200);
    const online = Object.fromEntries(list.body.items.map((b: { name: string; online: boolean }) => [b.name, b.online]));
    expect(online).toEqual(expect.objectContaining({ 'Bảng tin im lặng': false, 'Bảng tin đang chạy': true }));
    expect(list.body.items.every((b: { unitId: string }) => b.unitId === communeB.id)).toBe(true);
  });
});
