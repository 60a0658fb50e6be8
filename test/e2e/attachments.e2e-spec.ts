import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { silentWav } from '#test/wav.js';
import { messagePayload, storedFiles, threeTierArea, tinyMp3, tinyPng } from './messages-test-kit.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments: upload, content sniffing, content-addressed storage, streaming', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof threeTierArea>>;
  const upload = (auth: string) => api.http.post('/api/v1/attachments').set('authorization', auth);

  beforeAll(async () => {
    api = await startTestApi();
    area = await threeTierArea(api, 'Tệp');
  });
  afterAll(() => api.close());

  it('stores a PNG by its sniffed type under ab/cd/<sha256>, keeping the Vietnamese file name', async () => {
    const png = tinyPng(3);
    const res = await upload(area.officer.auth).attach('file', png, { filename: 'ảnh bảng tin.png', contentType: 'application/octet-stream' });
    expect(res.status).toBe(201);
    const hash = sha256(png);
    expect(res.body).toEqual({
      id: expect.any(String),
      unitId: area.commune.id,
      kind: 'image',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: hash,
      originalName: 'ảnh bảng tin.png',
      uploadedBy: area.officer.user.id,
      createdAt: expect.any(String),
    });
    const onDisk = join(api.config.storageDir, hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(readFileSync(onDisk).equals(png)).toBe(true);
    const [audit] = await api.db.query(`SELECT action, actor_id, unit_id, data FROM audit_event WHERE entity_type = 'attachment' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual({
      action: 'upload',
      actor_id: area.officer.user.id,
      unit_id: area.commune.id,
      data: { kind: 'image', contentType: 'image/png', sizeBytes: png.length, sha256: hash },
    });
  });

  it('recognises WAV and MP3 audio from the bytes, whatever the declared type', async () => {
    const wavBytes = silentWav(0.05, 8_000);
    const wav = await upload(area.officer.auth).attach('file', wavBytes, { filename: 'loa.bin', contentType: 'text/plain' });
    expect(wav.body).toEqual(expect.objectContaining({ kind: 'audio', contentType: 'audio/wav', sizeBytes: wavBytes.length }));
    const mp3 = await upload(area.officer.auth).attach('file', tinyMp3(), 'ban-tin.mp3');
    expect(mp3.body).toEqual(expect.objectContaining({ kind: 'audio', contentType: 'audio/mpeg', sizeBytes: 1251 }));
  });

  it('keeps identical bytes once on disk while giving each upload its own record', async () => {
    const bytes = tinyPng(7);
    const first = await upload(area.officer.auth).attach('file', bytes, 'a.png');
    const second = await upload(area.districtSupervisor.auth).attach('file', bytes, 'b.png');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(storedFiles(api.config.storageDir).filter((path) => path.endsWith(first.body.sha256))).toHaveLength(1);
    expect(storedFiles(api.config.storageDir).some((path) => path.endsWith('.tmp'))).toBe(false);
  });

  it('streams the bytes back with the sniffed type, a strong ETag and the file name', async () => {
    const png = tinyPng(5);
    const created = await upload(area.officer.auth).attach('file', png, { filename: 'Bảng tin.png', contentType: 'image/gif' });
    const meta = await api.http.get(`/api/v1/attachments/${created.body.id}`).set('authorization', area.officer.auth);
    expect(meta.body).toEqual(created.body);
    expect(meta.body).not.toHaveProperty('storageKey');
    const content = await api.http
      .get(`/api/v1/attachments/${created.body.id}/content`)
      .set('authorization', area.districtSupervisor.auth)
      .responseType('blob');
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-length']).toBe(String(png.length));
    expect(content.headers.etag).toBe(`"${sha256(png)}"`);
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe(`inline; filename="Bang tin.png"; filename*=UTF-8''B%E1%BA%A3ng%20tin.png`);
    expect((content.body as Buffer).equals(png)).toBe(true);
  });

  it('uploads for a unit below the caller and attaches it to that unit’s message', async () => {
    const forCommune = await upload(area.districtSupervisor.auth).field('unitId', area.commune.id).attach('file', tinyMp3(), 'loa.mp3');
    expect(forCommune.status).toBe(201);
    expect(forCommune.body.unitId).toBe(area.commune.id);
    const message = await api.http
      .post('/api/v1/messages')
      .set('authorization', area.officer.auth)
      .send(messagePayload({ attachmentIds: [forCommune.body.id] }));
    expect(message.status).toBe(201);
    expect(message.body.version.attachmentIds).toEqual([forCommune.body.id]);
    const [row] = await api.db.query(`SELECT attachment_ids::text[] AS ids FROM message_version WHERE message_id = $1`, [message.body.id]);
    expect(row.ids).toEqual([forCommune.body.id]);
  });

  it('refuses to attach a file of a unit above the message, which the message’s readers could not open', async () => {
    const districtFile = await upload(area.districtSupervisor.auth).attach('file', tinyPng(9), 'huyen.png');
    expect(districtFile.body.unitId).toBe(area.district.id);
    const res = await api.http
      .post('/api/v1/messages')
      .set('authorization', area.districtSupervisor.auth)
      .send(messagePayload({ unitId: area.commune.id, attachmentIds: [districtFile.body.id] }));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'attachmentIds', rule: 'exists' })]);
  });

  it('lets only authors upload (an administrator is refused) and writes nothing for the refusal', async () => {
    const admin = await createUser(api.db, { role: 'admin', unit: area.province });
    const bytes = tinyPng(11);
    const res = await upload(await bearer(api.http, admin)).attach('file', bytes, 'x.png');
    expect(res.status).toBe(403);
    expect(await api.db.query(`SELECT id FROM attachment WHERE sha256 = $1`, [sha256(bytes)])).toEqual([]);
    expect(existsSync(join(api.config.storageDir, sha256(bytes).slice(0, 2), sha256(bytes).slice(2, 4), sha256(bytes)))).toBe(false);
  });
});
