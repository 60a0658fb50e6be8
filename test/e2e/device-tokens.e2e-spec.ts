import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

/**
 * DeviceTokenGuard over HTTP: every way a device sends its token today is accepted, a token of the
 * other kind is refused like an unknown one (404 in the board's path, 401 elsewhere), and a refused
 * request changes nothing.
 */
describe('device tokens checked by DeviceTokenGuard (HTTP, real Postgres)', () => {
  let api: TestApi;
  let station: { id: string; token: string };
  let board: { id: string; token: string };

  beforeAll(async () => {
    api = await startTestApi();
    const province = await createUnit(api.db, { name: 'Tỉnh Thiết Bị', level: 'province' });
    const commune = await createUnit(api.db, { name: 'Xã Thiết Bị', level: 'commune', parent: province });
    const auth = await bearer(api.http, await createUser(api.db, { role: 'officer', unit: commune }));
    const s = await api.http
      .post('/api/v1/loudspeakers/stations')
      .set('authorization', auth)
      .send({ unitId: commune.id, name: 'Cụm loa chợ', kind: 'ip-cluster' });
    expect(s.status).toBe(201);
    station = { id: s.body.station.id, token: s.body.token };
    const b = await api.http.post('/api/v1/boards').set('authorization', auth).send({ unitId: commune.id, name: 'Bảng tin UBND' });
    expect(b.status).toBe(201);
    board = { id: b.body.id, token: b.body.token };
  });
  afterAll(async () => {
    await api?.close();
  });

  const lastSeen = async (table: 'station' | 'board', id: string): Promise<Date | null> =>
    (await api.db.query(`SELECT last_seen_at FROM ${table} WHERE id = $1`, [id]))[0].last_seen_at;

  it('takes a station token as Bearer or X-Device-Token, and refuses a missing, unknown or board token with 401', async () => {
    const byBearer = await api.http.get('/api/v1/devices/stations/playlist').set('authorization', `Bearer ${station.token}`);
    expect(byBearer.status).toBe(200);
    expect(byBearer.body.stationId).toBe(station.id);
    const byHeader = await api.http.get('/api/v1/devices/stations/playlist').set('x-device-token', station.token);
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.stationId).toBe(station.id);

    expect((await api.http.get('/api/v1/devices/stations/playlist')).status).toBe(401);
    expect((await api.http.get('/api/v1/devices/stations/playlist').set('x-device-token', 'tcs_st_khong-co-that')).status).toBe(401);
    const boardToken = await api.http.post('/api/v1/devices/stations/heartbeat').set('authorization', `Bearer ${board.token}`).send({ status: 'ok' });
    expect(boardToken.status).toBe(401);
    expect(boardToken.body).toEqual(expect.objectContaining({ statusCode: 401, message: 'Mã thiết bị không hợp lệ hoặc đã được thay' }));
    expect(await lastSeen('station', station.id)).toBeNull();
  });

  it('takes a board token in the path (unknown: 404) or as Bearer on the signage routes (unknown: 401)', async () => {
    const inPath = await api.http.get(`/boards/${board.token}/slides.json`);
    expect(inPath.status).toBe(200);
    expect(inPath.body.board.id).toBe(board.id);
    const asBearer = await api.http.get('/api/v1/devices/boards/feed').set('authorization', `Bearer ${board.token}`);
    expect(asBearer.status).toBe(200);
    expect(asBearer.body.board.id).toBe(board.id);

    expect((await api.http.get(`/boards/${station.token}/slides.json`)).status).toBe(404);
    expect((await api.http.get(`/boards/${station.token}`)).status).toBe(404);
    expect((await api.http.post(`/boards/${station.token}/heartbeat`).send({})).status).toBe(404);
    expect((await api.http.get('/api/v1/devices/boards/feed')).status).toBe(401);
    expect((await api.http.get('/api/v1/devices/boards/feed').set('x-device-token', board.token)).status).toBe(401);
    const stationToken = await api.http.post('/api/v1/devices/boards/heartbeat').set('authorization', `Bearer ${station.token}`).send({});
    expect(stationToken.status).toBe(401);
    expect(stationToken.body).toEqual(expect.objectContaining({ statusCode: 401, message: 'Mã thiết bị bảng tin không hợp lệ' }));
    expect(await lastSeen('board', board.id)).toBeNull();

    const beat = await api.http.post(`/boards/${board.token}/heartbeat`).send({});
    expect(beat.status).toBe(200);
    expect(await lastSeen('board', board.id)).toBeInstanceOf(Date);
  });
});
