import { startTestApi, type TestApi } from '#test/test-api.js';
import { silentWav } from '#test/wav.js';
import { messagePayload, storedFiles, tableCounts, threeTierArea, tinyMp3, tinyPng } from './messages-test-kit.js';

const IMAGE_MAX = 2048;
const AUDIO_MAX = 8192;

/** Every refused payload answers 400 naming the field and the rule, and leaves no row and no file behind. */
describe('bad message and attachment payloads', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof threeTierArea>>;
  let messageId: string;
  let before: Record<string, number>;

  beforeAll(async () => {
    api = await startTestApi({ uploadMaxImageBytes: IMAGE_MAX, uploadMaxAudioBytes: AUDIO_MAX });
    area = await threeTierArea(api, 'Kiểm Tra');
    const created = await api.http.post('/api/v1/messages').set('authorization', area.officer.auth).send(messagePayload());
    messageId = created.body.id;
    await api.http.post(`/api/v1/messages/${messageId}/submit`).set('authorization', area.officer.auth).send({ version: 1 });
    before = await tableCounts(api.db);
  });
  afterEach(async () => {
    expect(await tableCounts(api.db)).toEqual(before);
    expect(storedFiles(api.config.storageDir)).toEqual([]);
  });
  afterAll(() => api.close());

  const without = (field: string) => {
    const payload = messagePayload();
    delete payload[field];
    return payload;
  };
  const renditions = (patch: Record<string, unknown>) => ({ ...(messagePayload().renditions as object), ...patch });

  it.each([
    ['missing title', without('title'), 'title', 'isNotEmpty'],
    ['blank title', messagePayload({ title: '   ' }), 'title', 'isNotEmpty'],
    ['missing content group', without('contentGroup'), 'contentGroup', 'isIn'],
    ['unknown field', messagePayload({ status: 'approved' }), 'status', 'unknown-field'],
    ['unknown rendition channel', messagePayload({ renditions: renditions({ fax: 'x' }) }), 'renditions.fax', 'unknown-field'],
    ['unknown board field', messagePayload({ renditions: renditions({ board: { title: 'a', body: 'b', colour: 'red' } }) }), 'renditions.board.colour', 'unknown-field'],
    ['renditions not an object', messagePayload({ renditions: 'sms only' }), 'renditions', 'isObject'],
    ['wrong content group', messagePayload({ contentGroup: 'sports' }), 'contentGroup', 'isIn'],
    ['wrong priority', messagePayload({ priority: 'urgent' }), 'priority', 'isIn'],
    ['wrong index', messagePayload({ indices: ['PAR_INDEX', 'GDP'] }), 'indices', 'isIn'],
    ['repeated audience', messagePayload({ audiences: ['youth', 'youth'] }), 'audiences', 'arrayUnique'],
    ['over-long title', messagePayload({ title: 'a'.repeat(201) }), 'title', 'maxLength'],
    ['over-long body', messagePayload({ body: 'b'.repeat(20_001) }), 'body', 'maxLength'],
    ['over-long SMS', messagePayload({ renditions: renditions({ sms: 's'.repeat(1001) }) }), 'renditions.sms', 'maxLength'],
    ['over-long board title', messagePayload({ renditions: renditions({ board: { title: 't'.repeat(121), body: 'b' } }) }), 'renditions.board.title', 'maxLength'],
    ['attachment id not a uuid', messagePayload({ attachmentIds: ['abc'] }), 'attachmentIds', 'isUuid'],
    ['too many attachments', messagePayload({ attachmentIds: Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`) }), 'attachmentIds', 'arrayMaxSize'],
    ['unknown attachment', messagePayload({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] }), 'attachmentIds', 'exists'],
  ].map(([name, payload, field, rule]) => ({ name, payload, field, rule })))('create with $name → 400 naming $field ($rule)', async ({ payload, field, rule }) => {
    const res = await api.http.post('/api/v1/messages').set('authorization', area.officer.auth).send(payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) }));
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule, message: expect.any(String) })]));
  });

  it.each([
    ['edit without baseVersion', 'put', '', without('title'), ['baseVersion', 'title']],
    ['submit with a string version', 'post', '/submit', { version: '1' }, ['version']],
    ['return without a comment', 'post', '/return', { version: 1 }, ['comment']],
    ['return with an over-long comment', 'post', '/return', { version: 1, comment: 'c'.repeat(2001) }, ['comment']],
    ['approve with an unknown field', 'post', '/approve', { version: 1, force: true }, ['force']],
  ] as const)('%s → 400 naming the field', async (_name, method, suffix, payload, fields) => {
    const res = await api.http[method](`/api/v1/messages/${messageId}${suffix}`).set('authorization', area.districtSupervisor.auth).send(payload);
    expect(res.status).toBe(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([...fields].sort());
  });

  it('explains each refusal in Vietnamese', async () => {
    const res = await api.http.post('/api/v1/messages').set('authorization', area.officer.auth).send(messagePayload({ title: 'a'.repeat(201) }));
    expect(res.body.details).toEqual([{ field: 'title', rule: 'maxLength', message: 'dài quá mức cho phép (200 ký tự)' }]);
  });

  it('answers 400 naming the parameter for an id that is not a uuid', async () => {
    const res = await api.http.get('/api/v1/messages/123').set('authorization', area.officer.auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
  });

  describe('uploads', () => {
    const upload = () => api.http.post('/api/v1/attachments').set('authorization', area.officer.auth);

    it('refuses a file whose bytes are not an accepted type, whatever its name and declared type', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const res = await upload().attach('file', pdf, { filename: 'thong-bao.png', contentType: 'image/png' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'fileType', message: expect.stringContaining('application/pdf') })]);
      const text = await upload().attach('file', Buffer.from('chỉ là chữ'), { filename: 'loa.mp3', contentType: 'audio/mpeg' });
      expect(text.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'fileType' })]);
    });

    it('refuses an image over the image limit even though it is under the audio limit', async () => {
      const png = tinyPng(1, IMAGE_MAX);
      expect(png.length).toBeGreaterThan(IMAGE_MAX);
      expect(png.length).toBeLessThan(AUDIO_MAX);
      const res = await upload().attach('file', png, 'lon.png');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'file', rule: 'maxSize', message: 'Tệp hình ảnh vượt quá giới hạn 2 KB' }]);
    });

    it('stops reading a file over the largest limit and answers 400, not 413', async () => {
      const wav = silentWav(1, 8_000);
      expect(wav.length).toBeGreaterThan(AUDIO_MAX);
      const res = await upload().attach('file', wav, 'dai.wav');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'file', rule: 'maxSize', message: 'Tệp vượt quá giới hạn 8 KB' }]);
    });

    it('asks for the file when none is sent', async () => {
      const form = await upload().field('unitId', area.commune.id);
      expect(form.status).toBe(400);
      expect(form.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);
      const json = await upload().send({});
      expect(json.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);
    });

    it('refuses unknown form fields, a file under another field name, and two files', async () => {
      const extra = await upload().field('public', 'true').attach('file', tinyMp3(), 'a.mp3');
      expect(extra.status).toBe(400);
      expect(extra.body.details).toEqual([expect.objectContaining({ field: 'public', rule: 'unknown-field' })]);
      const renamed = await upload().attach('audio', tinyMp3(), 'a.mp3');
      expect(renamed.status).toBe(400);
      expect(renamed.body.details).toEqual([expect.objectContaining({ field: 'audio', rule: 'unknown-field' })]);
      const two = await upload().attach('file', tinyMp3(), 'a.mp3').attach('file', silentWav(0.05, 8_000), 'b.wav');
      expect(two.status).toBe(400);
      expect(two.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'maxCount' })]);
    });

    it('refuses a unitId that is not a uuid', async () => {
      const res = await upload().field('unitId', 'xa-an').attach('file', tinyMp3(), 'a.mp3');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'unitId', rule: 'isUuid' })]);
    });
  });
});
