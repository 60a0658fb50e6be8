import { jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { localDate, type Priority } from '#domain/index.js';
import { LoudspeakerChannel } from '#loudspeaker/loudspeaker.channel.js';
import { StationPlaylistRepository } from '#loudspeaker/repositories/station-playlist.repository.js';
import { StationRepository } from '#loudspeaker/repositories/station.repository.js';
import { StationEventsPublisher } from '#loudspeaker/station-events.js';
import { StationSentMarks } from '#loudspeaker/station-sent-marks.js';
import { BoardRepository } from '#board/board.repository.js';
import { BoardEventsPublisher } from '#board/board-events.js';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { createBoardMessage, scheduleToBoards } from './boards-test-kit.js';
import { plusMinutes, slotAt, TZ } from './loudspeakers-test-kit.js';

const SCRIPT = 'Thông báo: xã tổ chức tiêm phòng cho gia súc vào sáng thứ Bảy tại nhà văn hóa thôn.';

/**
 * Device pulls at province scale (docs/devices.md "Conditional pulls"): a current If-None-Match is
 * answered without Postgres, every change that alters a device's content moves its version, a
 * rotated token stops working at once although tokens are cached, and listed items become 'sent'
 * in batches rather than inside the pull.
 */
describe('device pulls: 304 without Postgres, versions, cached tokens, batched sent marks', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let commune: TestUnit;
  let quiet: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let auth: string;
  let supervisorAuth: string;
  let station: { id: string; token: string };
  let bystander: { id: string; token: string };
  let board: { id: string; token: string };
  const airing = slotAt(120);
  const date = localDate(airing.airsAt, TZ);

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
    const province = await createUnit(api.db, { name: 'Tỉnh Kéo', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Kéo', level: 'commune', parent: province });
    quiet = await createUnit(api.db, { name: 'Xã Yên', level: 'commune', parent: province });
    officer = await createUser(api.db, { role: 'officer', unit: province });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    auth = await bearer(api.http, officer);
    supervisorAuth = await bearer(api.http, supervisor);
    station = await register(commune, 'Cụm loa chợ');
    bystander = await register(quiet, 'Cụm loa đình');
    await addSlot(station.id, 'Bản tin chiều');
    await addSlot(bystander.id, 'Bản tin chiều');
    const b = await api.http.post('/api/v1/boards').set('authorization', auth).send({ unitId: commune.id, name: 'Bảng tin UBND xã Kéo' });
    expect(b.status).toBe(201);
    board = { id: b.body.id, token: b.body.token };
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function register(unit: TestUnit, name: string) {
    const res = await api.http.post('/api/v1/loudspeakers/stations').set('authorization', auth).send({ unitId: unit.id, name, kind: 'ip-cluster' });
    expect(res.status).toBe(201);
    return { id: res.body.station.id as string, token: res.body.token as string };
  }

  async function addSlot(stationId: string, label: string): Promise<string> {
    const res = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', auth)
      .send({ stationId, label, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: airing.time, endTime: plusMinutes(airing.time, 30) });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function message(priority: Priority = 'normal'): Promise<string> {
    const [{ id }] = await api.db.query(
      `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
       VALUES ($1, $2, 'approved', 1, 1, now(), $3, 1) RETURNING id`,
      [commune.id, officer.id, supervisor.id],
    );
    await api.db.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
       VALUES ($1, 1, $2, 'Tiêm phòng gia súc', $3, 'agriculture', $4, $5)`,
      [id, officer.id, SCRIPT, priority, JSON.stringify({ loudspeaker: SCRIPT })],
    );
    return id;
  }

  /** Schedules a commune bulletin to its loudspeakers once its audio is ready; resolves when its items are placed. */
  async function scheduleToStations(messageId: string): Promise<string> {
    const body = { messageId, channels: ['loudspeaker'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } };
    await waitFor(() => api.http.post('/api/v1/broadcasts/preview').set('authorization', auth).send(body), (r) => r.status === 200, 20_000, 'audio rendered');
    await waitFor(() => api.db.query(`SELECT id FROM loudspeaker_audio WHERE status = 'pending'`), (rows) => rows.length === 0, 20_000, 'no audio pending');
    const res = await api.http.post('/api/v1/broadcasts').set('authorization', auth).send(body);
    expect(res.status).toBe(201);
    await waitFor(() => itemsOf(res.body.id), (rows) => rows.length === 1, 10_000, 'item placed');
    return res.body.id;
  }

  const itemsOf = (broadcastId: string): Promise<{ id: string; status: string; sent_at: Date | null }[]> =>
    api.db.query(
      `SELECT d.id::text, d.status, d.sent_at FROM delivery d JOIN station_playlist_item i ON i.delivery_id = d.id WHERE d.broadcast_id = $1`,
      [broadcastId],
    );
  const pull = (token: string, etag?: string) => {
    const req = api.http.get(`/api/v1/devices/stations/playlist?date=${date}`).set('authorization', `Bearer ${token}`);
    return etag ? req.set('if-none-match', etag) : req;
  };
  const slides = (token: string, etag?: string) => {
    const req = api.http.get(`/boards/${token}/slides.json`);
    return etag ? req.set('if-none-match', etag) : req;
  };

  /** Counts every connection TypeORM takes from the pool (every query and transaction) while `run` runs. */
  async function postgresUses(run: () => Promise<void>): Promise<number> {
    const driver = api.db.driver as PostgresDriver;
    const original = driver.obtainMasterConnection.bind(driver);
    let uses = 0;
    driver.obtainMasterConnection = () => {
      uses += 1;
      return original();
    };
    try {
      await run();
    } finally {
      driver.obtainMasterConnection = original;
    }
    return uses;
  }

  /** The changed content's new tag once the change is visible: the old tag is answered 200 again. */
  async function changedFrom(etag: string, read: (etag: string) => ReturnType<typeof pull>, label: string) {
    const res = await waitFor(() => read(etag), (r) => r.status === 200, 5_000, label);
    expect(res.headers.etag).not.toBe(etag);
    return res;
  }

  it('answers a current If-None-Match with 304 from memory and Redis, and a changed one with one query and no write', async () => {
    // The first pulls load the tokens from Postgres; once the api listens for revocations it keeps them.
    await pull(station.token);
    await slides(board.token);
    await new Promise((r) => setTimeout(r, 300));
    const first = await pull(station.token);
    expect(first.status).toBe(200);
    const m3u8 = await api.http.get(`/api/v1/devices/stations/playlist.m3u8?date=${date}`).set('authorization', `Bearer ${station.token}`);
    const feed = await slides(board.token);
    expect(feed.status).toBe(200);

    const findToken = jest.spyOn(api.app.get(StationRepository), 'findByTokenHash');
    const readPlaylist = jest.spyOn(api.app.get(StationPlaylistRepository), 'playlist');
    const readSlides = jest.spyOn(api.app.get(BoardRepository), 'liveSlides');
    try {
      const cachedUses = await postgresUses(async () => {
        for (let i = 0; i < 5; i += 1) expect((await pull(station.token, first.headers.etag)).status).toBe(304);
        // A client asking its caches not to answer (as a browser's reload does) still gets the 304 from us, with no body.
        const noCache = await pull(station.token, first.headers.etag).set('cache-control', 'no-cache');
        expect(noCache.status).toBe(304);
        expect(noCache.text ?? '').toBe('');
        expect(noCache.headers.etag).toBe(first.headers.etag);
        const again = await api.http
          .get(`/api/v1/devices/stations/playlist.m3u8?date=${date}`)
          .set('authorization', `Bearer ${station.token}`)
          .set('if-none-match', `"other", W/${m3u8.headers.etag}`);
        expect(again.status).toBe(304);
        expect(again.headers.etag).toBe(m3u8.headers.etag);
        expect((await slides(board.token, feed.headers.etag)).status).toBe(304);
        expect((await api.http.get('/api/v1/devices/boards/feed').set('authorization', `Bearer ${board.token}`).set('if-none-match', feed.headers.etag)).status).toBe(304);
      });
      expect(cachedUses).toBe(0);
      expect(findToken).not.toHaveBeenCalled();
      expect(readPlaylist).not.toHaveBeenCalled();
      expect(readSlides).not.toHaveBeenCalled();

      // A tag of another station, or one whose expiry was edited, is not current.
      expect((await pull(bystander.token, first.headers.etag)).status).toBe(200);
      const forged = first.headers.etag.replace(/\.([0-9a-z]+)"$/, '.zzzzzzzz"');
      expect((await pull(station.token, forged)).status).toBe(200);

      // Once the version moved, the old tag gets the body again: one query (the playlist), no write.
      await api.app.get(StationSentMarks).flush();
      await api.app.get(StationEventsPublisher).changed([station.id]);
      readPlaylist.mockClear();
      let changed: Awaited<ReturnType<typeof pull>> | undefined;
      // The bump's notice reaches this api over pub/sub: until it does the old tag is still answered 304, from memory.
      const uses = await postgresUses(async () => {
        changed = await waitFor(() => pull(station.token, first.headers.etag), (r) => r.status === 200, 2_000, 'bump seen');
      });
      expect(uses).toBe(1);
      expect(changed?.status).toBe(200);
      expect(changed?.headers.etag).not.toBe(first.headers.etag);
      expect(readPlaylist).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('moves a station version on placement, audio replaced, play failure, slot removal and cancellation, and only that station', async () => {
    const quietTag = (await pull(bystander.token)).headers.etag;
    let tag = (await pull(station.token)).headers.etag;

    const broadcastId = await scheduleToStations(await message());
    let res = await changedFrom(tag, (t) => pull(station.token, t), 'placement seen');
    expect(res.body.items).toHaveLength(1);
    tag = res.headers.etag;

    const [{ audio_id: audioId }] = await api.db.query(`SELECT audio_id FROM station_playlist_item WHERE station_id = $1`, [station.id]);
    expect(await worker.get(LoudspeakerChannel, { strict: false }).applyReplacement({ broadcastId, messageVersion: 1, audioId })).toBe(1);
    tag = (await changedFrom(tag, (t) => pull(station.token, t), 'audio replacement seen')).headers.etag;

    const [{ id: slotId }] = await api.db.query(`SELECT id FROM station_slot WHERE station_id = $1`, [station.id]);
    expect((await api.http.delete(`/api/v1/loudspeakers/slots/${slotId}`).set('authorization', auth)).status).toBe(204);
    res = await changedFrom(tag, (t) => pull(station.token, t), 'slot removal seen');
    expect(res.body.items).toEqual([expect.objectContaining({ slotId: null, slotLabel: null })]);
    tag = res.headers.etag;
    await addSlot(station.id, 'Bản tin chiều');

    const second = await scheduleToStations(await message());
    tag = (await changedFrom(tag, (t) => pull(station.token, t), 'second placement seen')).headers.etag;
    const [item] = await itemsOf(second);
    const failed = await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${station.token}`)
      .send([{ itemId: item.id, event: 'failure', at: new Date().toISOString(), error: 'mất nguồn' }]);
    expect(failed.body.applied).toBe(1);
    res = await changedFrom(tag, (t) => pull(station.token, t), 'failed item dropped');
    expect(res.body.items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.id);
    tag = res.headers.etag;

    expect((await api.http.post(`/api/v1/broadcasts/${broadcastId}/cancel`).set('authorization', auth)).status).toBe(200);
    res = await changedFrom(tag, (t) => pull(station.token, t), 'cancellation seen');
    expect(res.body.items).toEqual([]);

    expect((await pull(bystander.token, quietTag)).status).toBe(304);
  });

  it('moves a board version when a slide goes up or is withdrawn, and when the board is renamed', async () => {
    let tag = (await slides(board.token)).headers.etag;
    const messageId = await createBoardMessage(api.db, { unit: commune, author: officer, approver: supervisor, title: 'Lịch tiêm phòng', body: SCRIPT });
    // The worker plans it and publishes; the board's next read with its old tag gets the slide.
    const broadcastId = await scheduleToBoards(api.http, supervisorAuth, messageId, [commune.id]);
    let res = await changedFrom(tag, (t) => slides(board.token, t), 'slide seen');
    expect(res.body.slides.map((s: { title: string }) => s.title)).toEqual(['Lịch tiêm phòng']);
    tag = res.headers.etag;

    expect((await api.http.patch(`/api/v1/boards/${board.id}`).set('authorization', auth).send({ name: 'Bảng tin chợ Kéo' })).status).toBe(200);
    res = await changedFrom(tag, (t) => slides(board.token, t), 'rename seen');
    expect(res.body.board.name).toBe('Bảng tin chợ Kéo');
    tag = res.headers.etag;

    expect((await api.http.post(`/api/v1/broadcasts/${broadcastId}/cancel`).set('authorization', supervisorAuth)).status).toBe(200);
    res = await changedFrom(tag, (t) => slides(board.token, t), 'withdrawal seen');
    expect(res.body.slides).toEqual([]);
  });

  it('refuses a rotated token within a second although the api caches tokens', async () => {
    expect((await pull(bystander.token)).status).toBe(200);
    expect((await pull(bystander.token)).status).toBe(200);
    const rotated = await api.http.post(`/api/v1/loudspeakers/stations/${bystander.id}/token`).set('authorization', auth);
    expect(rotated.status).toBe(200);
    await waitFor(() => pull(bystander.token), (r) => r.status === 401, 1_000, 'old station token refused');
    expect((await pull(rotated.body.token)).status).toBe(200);

    expect((await slides(board.token)).status).toBe(200);
    const boardRotated = await api.http.post(`/api/v1/boards/${board.id}/token`).set('authorization', auth);
    expect(boardRotated.status).toBe(200);
    await waitFor(() => slides(board.token), (r) => r.status === 404, 1_000, 'old board token refused');
    expect((await slides(boardRotated.body.token)).status).toBe(200);
  });

  it('shows a rotated token although Redis refuses the notice after the commit, and the new token works', async () => {
    const refusal = () => new Error("READONLY You can't write against a read only replica.");
    const stations = jest.spyOn(api.app.get(StationEventsPublisher), 'identityChanged').mockRejectedValueOnce(refusal());
    const rotated = await api.http.post(`/api/v1/loudspeakers/stations/${station.id}/token`).set('authorization', auth);
    expect(stations).toHaveBeenCalledTimes(1);
    stations.mockRestore();
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(station.token);
    station = { ...station, token: rotated.body.token };
    expect((await pull(station.token)).status).toBe(200);

    const boards = jest.spyOn(api.app.get(BoardEventsPublisher), 'identityChanged').mockRejectedValueOnce(refusal());
    const boardRotated = await api.http.post(`/api/v1/boards/${board.id}/token`).set('authorization', auth);
    expect(boards).toHaveBeenCalledTimes(1);
    boards.mockRestore();
    expect(boardRotated.status).toBe(200);
    board = { ...board, token: boardRotated.body.token };
    expect((await slides(board.token)).status).toBe(200);
  });

  it('marks listed items sent in one batch shortly after the pull, at the moment they were listed', async () => {
    const broadcastId = await scheduleToStations(await message());
    const marks = api.app.get(StationSentMarks);
    await marks.flush();
    const before = Date.now();
    const listed = await pull(station.token);
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect((await itemsOf(broadcastId))[0].status).toBe('planned');
    const [row] = await waitFor(() => itemsOf(broadcastId), (rows) => rows[0].status === 'sent', 5_000, 'item marked sent');
    expect(row.sent_at?.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(row.sent_at?.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
