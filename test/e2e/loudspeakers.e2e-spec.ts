import type { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureAudioDurationMs } from '#loudspeaker/tts/audio-duration.js';
import { localDate, type Priority } from '#domain/index.js';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { silentWav } from '#test/wav.js';
import { plusMinutes, slotAt, TZ } from './loudspeakers-test-kit.js';
import { tinyPng } from './messages-test-kit.js';

const SCRIPT = 'Thông báo: Bộ phận một cửa Ủy ban nhân dân xã làm việc sáng thứ Bảy, từ bảy giờ ba mươi đến mười một giờ ba mươi.';
const EMERGENCY = 'Khẩn cấp: bão số ba sắp đổ bộ, bà con khẩn trương sơ tán khỏi vùng trũng thấp ven sông.';

describe('loudspeaker stations: slots, placement, device pulls, proof of play, emergency push', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let province: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let officerAuth: string;
  let supervisorAuth: string;
  const stations: Record<'a1' | 'a2' | 'b1', { id: string; token: string }> = {} as never;
  const morning = slotAt(90);
  let morningSlotId: string;
  let groupSlotId: string;

  beforeAll(async () => {
    api = await startTestApi({}, { listen: true });
    worker = await startTestWorker(api.config);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
    province = await createUnit(api.db, { name: 'Tỉnh Loa', level: 'province' });
    communeA = await createUnit(api.db, { name: 'Xã Loa A', level: 'commune', parent: province });
    communeB = await createUnit(api.db, { name: 'Xã Loa B', level: 'commune', parent: province });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    officer = await createUser(api.db, { role: 'officer', unit: province });
    officerAuth = await bearer(api.http, officer);
    supervisorAuth = await bearer(api.http, supervisor);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** A commune's own bulletin: a province's normal one would wait in the communes' relay lists (relays.e2e-spec.ts). */
  async function message(script: string, priority: Priority = 'normal'): Promise<string> {
    const [{ id }] = await api.db.query(
      `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
       VALUES ($1, $2, 'approved', 1, 1, now(), $3, 1) RETURNING id`,
      [communeA.id, officer.id, supervisor.id],
    );
    await api.db.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
       VALUES ($1, 1, $2, $3, $4, 'one-stop-shop', $5, $6)`,
      [id, officer.id, priority === 'emergency' ? 'Tin khẩn cấp' : 'Giờ làm việc một cửa', script, priority, JSON.stringify({ loudspeaker: script })],
    );
    return id;
  }

  function request(messageId: string, unit: TestUnit) {
    return { messageId, channels: ['loudspeaker'], targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: new Date().toISOString() } };
  }

  /**
   * Previews until the audio is ready (the first preview asks the worker to render it). An emergency's
   * preview does not wait for its audio, so the rows are watched too.
   */
  async function audioReady(messageId: string, unit: TestUnit, auth = officerAuth) {
    const preview = await waitFor(
      () => api.http.post('/api/v1/broadcasts/preview').set('authorization', auth).send(request(messageId, unit)),
      (res) => res.status === 200,
      20_000,
      'loudspeaker audio rendered',
    );
    await waitFor(() => api.db.query(`SELECT id FROM loudspeaker_audio WHERE status = 'pending'`), (rows) => rows.length === 0, 20_000, 'no audio pending');
    return preview;
  }

  async function schedule(messageId: string, unit: TestUnit, auth = officerAuth): Promise<string> {
    await audioReady(messageId, unit, auth);
    const res = await api.http.post('/api/v1/broadcasts').set('authorization', auth).send(request(messageId, unit));
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const deliveries = (broadcastId: string): Promise<{ id: string; endpoint: string; status: string; provider_code: string | null }[]> =>
    api.db.query(`SELECT id::text, endpoint, status, provider_code FROM delivery WHERE broadcast_id = $1 ORDER BY id`, [broadcastId]);

  const pull = (token: string, date: string) => api.http.get(`/api/v1/devices/stations/playlist?date=${date}`).set('authorization', `Bearer ${token}`);

  it('renders the loudspeaker script to a valid mp3 of non-zero duration (Vietnamese with diacritics)', async () => {
    const messageId = await message(SCRIPT);
    const first = await api.http.post('/api/v1/broadcasts/preview').set('authorization', officerAuth).send(request(messageId, communeA));
    expect(first.status).toBe(400);
    expect(first.body.details).toEqual([expect.objectContaining({ field: 'channels[0]', rule: 'audio-ready' })]);
    const ready = await audioReady(messageId, communeA);
    expect(ready.body.recipients).toEqual({ loudspeaker: 0 });
    const [audio] = await api.db.query(`SELECT storage_key, content_type, duration_ms, size_bytes::int AS size FROM loudspeaker_audio WHERE text = $1`, [
      SCRIPT.normalize('NFC'),
    ]);
    expect(audio).toEqual(expect.objectContaining({ content_type: 'audio/mpeg' }));
    expect(audio.duration_ms).toBeGreaterThan(3000);
    const mp3 = await readFile(join(api.config.storageDir, audio.storage_key));
    expect(mp3.length).toBe(audio.size);
    // An MPEG audio frame: 11 sync bits, MPEG-1 or 2, layer III.
    const frame = mp3.subarray(0, 3).toString('latin1') === 'ID3' ? mp3.indexOf(0xff, 10) : 0;
    expect(mp3[frame]).toBe(0xff);
    expect(mp3[frame + 1] & 0xe6).toBe(0xe2);
    // Decodes end to end, and its decoded length matches the measured duration.
    expect(Math.abs((await measureAudioDurationMs(mp3, 'audio/mpeg')) - audio.duration_ms)).toBeLessThan(200);
  });

  it('measures the first uploaded audio attachment in the version order and uses it instead of speech', async () => {
    const attach = (file: Buffer, name: string) =>
      api.http.post('/api/v1/attachments').set('authorization', officerAuth).field('unitId', province.id).attach('file', file, name);
    const image = await attach(tinyPng(2), 'anh.png');
    const upload = await attach(silentWav(2), 'thong-bao.wav');
    const later = await attach(silentWav(1), 'thong-bao-khac.wav');
    expect([image.status, upload.status, later.status]).toEqual([201, 201, 201]);
    const messageId = await message('Kịch bản không dùng vì đã có tệp ghi âm.');
    await api.db.query(`UPDATE message_version SET attachment_ids = $2 WHERE message_id = $1`, [messageId, [image.body.id, upload.body.id, later.body.id]]);
    const first = await api.http.post('/api/v1/broadcasts/preview').set('authorization', officerAuth).send(request(messageId, communeA));
    expect(first.body.details).toEqual([expect.objectContaining({ rule: 'audio-ready' })]);
    await audioReady(messageId, communeA);
    const [audio] = await api.db.query(`SELECT source, content_type, duration_ms FROM loudspeaker_audio WHERE attachment_id = $1`, [upload.body.id]);
    expect(audio).toEqual({ source: 'upload', content_type: 'audio/wav', duration_ms: 2000 });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM loudspeaker_audio WHERE attachment_id = ANY($1::uuid[])`, [[image.body.id, later.body.id]]);
    expect(n).toBe(0);
  });

  it('registers stations, groups and slots, refusing an overlapping slot with the clashing one named', async () => {
    for (const [key, unit] of [['a1', communeA], ['a2', communeA], ['b1', communeB]] as const) {
      const res = await api.http
        .post('/api/v1/loudspeakers/stations')
        .set('authorization', officerAuth)
        .send({ unitId: unit.id, name: `Cụm loa ${key.toUpperCase()}`, kind: 'ip-cluster', vendor: 'Hanet', location: 'Nhà văn hóa' });
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^tcs_st_/);
      expect(res.body.station).toEqual(expect.objectContaining({ unitId: unit.id, name: `Cụm loa ${key.toUpperCase()}`, online: false }));
      expect(res.body.station).not.toHaveProperty('unitPath');
      stations[key] = { id: res.body.station.id, token: res.body.token };
    }
    const [{ token_hash }] = await api.db.query(`SELECT token_hash FROM station WHERE id = $1`, [stations.a1.id]);
    expect(token_hash).not.toContain(stations.a1.token);

    const slot = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', officerAuth)
      .send({ stationId: stations.a1.id, label: 'Bản tin sáng', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: morning.time, endTime: plusMinutes(morning.time, 20) });
    expect(slot.status).toBe(201);
    morningSlotId = slot.body.id;
    const evening = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', officerAuth)
      .send({ stationId: stations.a1.id, label: 'Bản tin chiều', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: plusMinutes(morning.time, 240), endTime: plusMinutes(morning.time, 270) });
    expect(evening.status).toBe(201);
    const clash = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', officerAuth)
      .send({ stationId: stations.a1.id, label: 'Trùng', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: plusMinutes(morning.time, 10), endTime: plusMinutes(morning.time, 40) });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('Bản tin sáng');
    expect(clash.body.details).toEqual([expect.objectContaining({ rule: 'overlap' })]);

    const group = await api.http.post('/api/v1/loudspeakers/groups').set('authorization', officerAuth).send({ unitId: communeA.id, name: 'Nhóm loa xã A' });
    expect(group.status).toBe(201);
    const groupSlot = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', officerAuth)
      .send({ groupId: group.body.id, label: 'Tiếp sóng', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: morning.time, endTime: plusMinutes(morning.time, 15) });
    expect(groupSlot.status).toBe(201);
    groupSlotId = groupSlot.body.id;
    const joined = await api.http
      .put(`/api/v1/loudspeakers/stations/${stations.a2.id}`)
      .set('authorization', officerAuth)
      .send({ name: 'Cụm loa A2', kind: 'ip-cluster', groupId: group.body.id });
    expect(joined.status).toBe(200);
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type LIKE 'station%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'create', 'create', 'create', 'create', 'create', 'create', 'update']);
  });

  it("refuses villages outside the station's unit or the caller's subtree, naming each by its position", async () => {
    const own = await createUnit(api.db, { name: 'Thôn Loa A', level: 'village', parent: communeA });
    const neighbour = await createUnit(api.db, { name: 'Thôn Loa B', level: 'village', parent: communeB });
    const elsewhere = await createUnit(api.db, {
      name: 'Thôn Xa',
      level: 'village',
      parent: await createUnit(api.db, { name: 'Xã Xa', level: 'commune', parent: await createUnit(api.db, { name: 'Tỉnh Xa', level: 'province' }) }),
    });
    const [{ n: before }] = await api.db.query(`SELECT count(*)::int AS n FROM station`);
    const res = await api.http
      .post('/api/v1/loudspeakers/stations')
      .set('authorization', officerAuth)
      .send({ unitId: communeA.id, name: 'Cụm loa thôn', kind: 'ip-cluster', villageIds: [own.id, neighbour.id, elsewhere.id] });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`)).toEqual([
      'villageIds[1]:village-of-unit',
      'villageIds[2]:village-of-unit',
    ]);
    const [{ n: after }] = await api.db.query(`SELECT count(*)::int AS n FROM station`);
    expect(after).toBe(before);
  });

  it("places a broadcast in the commune's stations' slots; each token reads only its own playlist; ETag 304; ranged media", async () => {
    const id = await schedule(await message(SCRIPT), communeA);
    await waitFor(() => deliveries(id), (rows) => rows.length === 2, 10_000, 'loudspeaker deliveries planned');
    const date = localDate(morning.airsAt, TZ);

    const a1 = await pull(stations.a1.token, date);
    expect(a1.status).toBe(200);
    expect(a1.body.items).toEqual([
      expect.objectContaining({ slotId: morningSlotId, slotLabel: 'Bản tin sáng', startsAt: morning.airsAt.toISOString(), priority: 'normal', position: 0 }),
    ]);
    const a2 = await api.http.get(`/api/v1/devices/stations/playlist?date=${date}`).set('x-device-token', stations.a2.token);
    expect(a2.body.items).toEqual([expect.objectContaining({ slotId: groupSlotId, startsAt: morning.airsAt.toISOString() })]);
    expect((await pull(stations.b1.token, date)).body.items).toEqual([]);
    // Listed items become 'sent' in the api's next batch (StationSentMarks), not inside the pull.
    await waitFor(() => deliveries(id), (rows) => rows.every((d) => d.status === 'sent'), 5_000, 'items marked sent');

    expect(a1.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(a1.headers.etag).toMatch(/^"[\w-]{22}\.[0-9a-z]+"$/);
    const again = await pull(stations.a1.token, date).set('if-none-match', a1.headers.etag);
    expect(again.status).toBe(304);
    const m3u8Path = `/api/v1/devices/stations/playlist.m3u8?date=${date}`;
    const m3u8 = await api.http.get(m3u8Path).set('authorization', `Bearer ${stations.a1.token}`);
    expect(m3u8.headers['content-type']).toBe('application/vnd.apple.mpegurl; charset=utf-8');
    expect(m3u8.headers.etag).toMatch(/^"[\w-]{22}\.[0-9a-z]+"$/);
    expect(m3u8.text).toContain('#EXTM3U');
    expect(m3u8.text).toContain(a1.body.items[0].audio.url);
    expect((await api.http.get(m3u8Path).set('authorization', `Bearer ${stations.a1.token}`).set('if-none-match', m3u8.headers.etag)).status).toBe(304);

    const mediaPath = `/api/v1/devices/stations/media/${a1.body.items[0].audio.id}`;
    const full = await api.http.get(mediaPath).set('authorization', `Bearer ${stations.a1.token}`).buffer(true);
    expect(full.status).toBe(200);
    expect(full.headers['cache-control']).toContain('immutable');
    expect(Number(full.headers['content-length'])).toBe(a1.body.items[0].audio.sizeBytes);
    const part = await api.http.get(mediaPath).set('authorization', `Bearer ${stations.a1.token}`).set('range', 'bytes=0-99').buffer(true);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${a1.body.items[0].audio.sizeBytes}`);
    expect((await api.http.get(mediaPath).set('authorization', `Bearer ${stations.b1.token}`)).status).toBe(404);
    expect((await pull('tcs_st_not-a-real-token', date)).status).toBe(401);
  });

  it('turns play reports into delivered or failed receipts, counts airtime and shows online stations', async () => {
    const id = await schedule(await message(`${SCRIPT} Xin cảm ơn.`), communeA);
    const rows = await waitFor(() => deliveries(id), (r) => r.length === 2, 10_000, 'deliveries planned');
    const byStation = Object.fromEntries(rows.map((r) => [r.endpoint, r.id]));
    const a1Item = byStation[stations.a1.id];
    const at = new Date().toISOString();

    const foreign = await api.http.post('/api/v1/devices/stations/plays').set('authorization', `Bearer ${stations.b1.token}`).send([{ itemId: a1Item, event: 'end', at }]);
    expect(foreign.body).toEqual({ applied: 0, unknownItems: [a1Item] });
    const plays = await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${stations.a1.token}`)
      .send([{ itemId: a1Item, event: 'start', at }, { itemId: a1Item, event: 'end', at: new Date(Date.now() + 5000).toISOString() }]);
    expect(plays.body).toEqual({ applied: 2, unknownItems: [] });
    await api.http
      .post('/api/v1/devices/stations/plays')
      .set('authorization', `Bearer ${stations.a2.token}`)
      .send([{ itemId: byStation[stations.a2.id], event: 'failure', at, error: 'mất nguồn' }]);
    const after = Object.fromEntries((await deliveries(id)).map((d) => [d.endpoint, d]));
    expect(after[stations.a1.id].status).toBe('delivered');
    expect(after[stations.a2.id]).toEqual(expect.objectContaining({ status: 'failed', provider_code: 'play-failure' }));
    const receipts = await api.db.query(`SELECT status FROM delivery_receipt WHERE provider = 'station' AND delivery_id = $1 ORDER BY id`, [a1Item]);
    expect(receipts.map((r: { status: string }) => r.status)).toEqual(['start', 'end']);

    const today = localDate(new Date(), TZ);
    const airtime = await api.http.get(`/api/v1/loudspeakers/stations/${stations.a1.id}/airtime?from=${today}&to=${today}`).set('authorization', officerAuth);
    expect(airtime.status).toBe(200);
    const [{ duration_ms: playedMs }] = await api.db.query(`SELECT duration_ms FROM station_playlist_item WHERE delivery_id = $1`, [a1Item]);
    const playedMinutes = Math.round(playedMs / 600) / 100;
    expect(playedMinutes).toBeGreaterThan(0);
    expect(airtime.body.totalMinutes).toBe(playedMinutes);
    expect(airtime.body.days).toEqual([{ day: today, minutes: playedMinutes, byContentGroup: { 'one-stop-shop': playedMinutes } }]);

    const beat = await api.http.post('/api/v1/devices/stations/heartbeat').set('authorization', `Bearer ${stations.a1.token}`).send({ status: 'ok', volume: 80 });
    expect(beat.status).toBe(200);
    const list = await api.http.get('/api/v1/loudspeakers/stations').set('authorization', officerAuth);
    const online = Object.fromEntries(list.body.items.map((s: { id: string; online: boolean }) => [s.id, s.online]));
    expect(online).toEqual({ [stations.a1.id]: true, [stations.a2.id]: false, [stations.b1.id]: false });
  });

  it('flags a station without any slot to the officer instead of dropping the item', async () => {
    const id = await schedule(await message(SCRIPT), communeB);
    const [row] = await waitFor(() => deliveries(id), (r) => r.length === 1, 10_000, 'delivery written');
    expect(row).toEqual(expect.objectContaining({ endpoint: stations.b1.id, status: 'failed', provider_code: 'no-slot' }));
    const listed = await api.http.get(`/api/v1/broadcasts/${id}/deliveries?status=failed`).set('authorization', officerAuth);
    expect(listed.body.items).toEqual([expect.objectContaining({ providerCode: 'no-slot', lastError: expect.stringContaining('khung giờ') })]);
  });

  it('drops a cancelled broadcast from the next pull', async () => {
    const id = await schedule(await message(SCRIPT), communeA);
    await waitFor(() => deliveries(id), (r) => r.length === 2, 10_000, 'deliveries planned');
    const date = localDate(morning.airsAt, TZ);
    const [{ id: itemId }] = (await deliveries(id)).filter((d) => d.endpoint === stations.a1.id);
    const itemIds = async () => (await pull(stations.a1.token, date)).body.items.map((i: { itemId: string }) => i.itemId);
    const before = await itemIds();
    expect(before).toContain(itemId);
    expect((await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', officerAuth)).status).toBe(200);
    expect(await itemIds()).toEqual(before.filter((i: string) => i !== itemId));
  });

  it('pushes an emergency to a connected station within a second and tops its next pull', async () => {
    const messageId = await message(EMERGENCY, 'emergency');
    await audioReady(messageId, communeA, supervisorAuth);
    const abort = new AbortController();
    const res = await fetch(`${api.config.publicBaseUrl}/api/v1/devices/stations/stream`, {
      headers: { authorization: `Bearer ${stations.a1.token}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    // Resolves when the emergency event arrives; -1 when the stream ends without one.
    const emergency = (async () => {
      while (!received.includes('event: emergency')) {
        const { value, done } = await reader.read();
        if (done) return -1;
        received += decoder.decode(value, { stream: true });
      }
      return Date.now();
    })();
    await waitFor(async () => received, (text) => text.includes('event: hello'), 5_000, 'stream open');
    const sent = Date.now();
    const scheduled = await api.http.post('/api/v1/broadcasts').set('authorization', supervisorAuth).send(request(messageId, communeA));
    expect(scheduled.status).toBe(201);
    const arrived = await Promise.race([emergency, new Promise<number>((r) => setTimeout(() => r(-1), 5_000))]);
    abort.abort();
    expect(arrived).toBeGreaterThan(0);
    expect(arrived - sent).toBeLessThan(1000);
    const event = JSON.parse(/event: emergency\ndata: (.*)\n/.exec(received)?.[1] ?? 'null');
    expect(event).toEqual(expect.objectContaining({ kind: 'emergency', stationIds: [stations.a1.id] }));

    const next = await pull(stations.a1.token, localDate(morning.airsAt, TZ));
    expect(next.body.items[0]).toEqual(expect.objectContaining({ priority: 'emergency', title: 'Tin khẩn cấp', position: 0 }));
  });
});
