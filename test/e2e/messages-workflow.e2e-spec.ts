import { startTestApi, type TestApi } from '#test/test-api.js';
import { messagePayload, threeTierArea, twoTierArea } from './messages-test-kit.js';

type Area3 = Awaited<ReturnType<typeof threeTierArea>>;
type Area2 = Awaited<ReturnType<typeof twoTierArea>>;

describe('reform message approval workflow over HTTP', () => {
  let api: TestApi;
  let area: Area3;
  let flat: Area2;
  let messageId: string;

  const as = (auth: string) => ({
    post: (url: string, body: object = {}) => api.http.post(url).set('authorization', auth).send(body),
    put: (url: string, body: object) => api.http.put(url).set('authorization', auth).send(body),
    get: (url: string) => api.http.get(url).set('authorization', auth),
  });
  const auditRows = async (id: string) =>
    api.db.query(
      `SELECT action, actor_id, version_no, comment, data FROM audit_event WHERE entity_type = 'message' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  beforeAll(async () => {
    api = await startTestApi();
    area = await threeTierArea(api, 'Ba Cấp');
    flat = await twoTierArea(api, 'Hai Cấp');
  });
  afterAll(() => api.close());

  it('creates a draft of version 1 in the officer’s commune', async () => {
    const res = await as(area.officer.auth).post('/api/v1/messages', messagePayload());
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        unitId: area.commune.id,
        unitName: 'Xã Ba Cấp',
        status: 'draft',
        currentVersion: 1,
        approvedVersion: null,
        approvalUnitId: null,
        version: expect.objectContaining({
          versionNo: 1,
          authorId: area.officer.user.id,
          authorName: area.officer.user.username,
          contentGroup: 'modernisation',
          priority: 'normal',
          indices: ['PAR_INDEX', 'SIPAS'],
          renditions: expect.objectContaining({ board: { title: 'Dịch vụ công trực tuyến', body: 'Nộp hồ sơ đất đai tại dichvucong.gov.vn' } }),
        }),
      }),
    );
    messageId = res.body.id;
  });

  it('submits to the district (the nearest unit with a supervisor), which sees it in its inbox', async () => {
    const res = await as(area.officer.auth).post(`/api/v1/messages/${messageId}/submit`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'submitted', approvalUnitId: area.district.id, submittedAt: expect.any(String) }));

    const districtInbox = await as(area.districtSupervisor.auth).get('/api/v1/inbox');
    expect(districtInbox.status).toBe(200);
    expect(districtInbox.body).toEqual(expect.objectContaining({ total: 1, page: 1, pageSize: 20 }));
    expect(districtInbox.body.items[0]).toEqual(expect.objectContaining({ id: messageId, version: expect.objectContaining({ versionNo: 1 }) }));
    expect((await as(area.provinceSupervisor.auth).get('/api/v1/inbox')).body.total).toBe(0);
    expect((await as(area.officer.auth).get('/api/v1/inbox')).status).toBe(403);
  });

  it('refuses the province supervisor while the district has one, and an officer', async () => {
    const province = await as(area.provinceSupervisor.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 1 });
    expect(province.status).toBe(403);
    expect(province.body).toEqual(expect.objectContaining({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('đơn vị cấp trên') }));
    const officer = await as(area.officer.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 1 });
    expect(officer.status).toBe(403);
  });

  it('returns with a required comment; a returned message is edited, not resubmitted as is', async () => {
    const noComment = await as(area.districtSupervisor.auth).post(`/api/v1/messages/${messageId}/return`, { version: 1 });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'comment' })]));

    const returned = await as(area.districtSupervisor.auth).post(`/api/v1/messages/${messageId}/return`, {
      version: 1,
      comment: 'Bổ sung địa chỉ bộ phận một cửa',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    expect((await as(area.officer.auth).post(`/api/v1/messages/${messageId}/submit`, { version: 1 })).status).toBe(409);
  });

  it('makes a new version on edit and refuses an edit from a stale version', async () => {
    const edited = await as(area.officer.auth).put(
      `/api/v1/messages/${messageId}`,
      messagePayload({ baseVersion: 1, title: 'Nộp hồ sơ đất đai trực tuyến: bộ phận một cửa xã' }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual(expect.objectContaining({ status: 'draft', currentVersion: 2, approvalUnitId: null }));
    const stale = await as(area.officer.auth).put(`/api/v1/messages/${messageId}`, messagePayload({ baseVersion: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('phiên bản 2');
  });

  it('approves only the version the reviewer names, and records who and when', async () => {
    expect((await as(area.officer.auth).post(`/api/v1/messages/${messageId}/submit`, { version: 2 })).status).toBe(200);
    const stale = await as(area.districtSupervisor.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 1 });
    expect(stale.status).toBe(409);
    const approved = await as(area.districtSupervisor.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 2, comment: 'Đồng ý phát' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual(
      expect.objectContaining({ status: 'approved', approvedVersion: 2, approvedBy: area.districtSupervisor.user.id, approvedAt: expect.any(String) }),
    );
    expect((await as(area.districtSupervisor.auth).get('/api/v1/inbox')).body.total).toBe(0);
  });

  it('resets an approved message to draft when it is edited, keeping the last approved version', async () => {
    const res = await as(area.officer.auth).put(`/api/v1/messages/${messageId}`, messagePayload({ baseVersion: 2, priority: 'priority' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'draft', currentVersion: 3, approvedVersion: 2 }));
    const [row] = await api.db.query(`SELECT status, current_version, approved_version FROM message WHERE id = $1`, [messageId]);
    expect(row).toEqual({ status: 'draft', current_version: 3, approved_version: 2 });
  });

  it('refuses self-approval: a version the district supervisor wrote goes to the province', async () => {
    const byDistrict = await as(area.districtSupervisor.auth).put(`/api/v1/messages/${messageId}`, messagePayload({ baseVersion: 3 }));
    expect(byDistrict.status).toBe(200);
    const submitted = await as(area.officer.auth).post(`/api/v1/messages/${messageId}/submit`, { version: 4 });
    expect(submitted.body).toEqual(expect.objectContaining({ status: 'submitted', approvalUnitId: area.province.id }));

    const self = await as(area.districtSupervisor.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 4 });
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('Không được tự duyệt phiên bản do chính mình soạn');
    expect((await as(area.provinceSupervisor.auth).get('/api/v1/inbox')).body.items.map((m: { id: string }) => m.id)).toEqual([messageId]);
    const approved = await as(area.provinceSupervisor.auth).post(`/api/v1/messages/${messageId}/approve`, { version: 4 });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual(expect.objectContaining({ status: 'approved', approvedVersion: 4, approvedBy: area.provinceSupervisor.user.id }));
  });

  it('keeps every version readable', async () => {
    const list = await as(area.officer.auth).get(`/api/v1/messages/${messageId}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.map((v: { versionNo: number }) => v.versionNo)).toEqual([4, 3, 2, 1]);
    expect(list.body[0].authorId).toBe(area.districtSupervisor.user.id);
    const first = await as(area.officer.auth).get(`/api/v1/messages/${messageId}/versions/1`);
    expect(first.body).toEqual(expect.objectContaining({ versionNo: 1, title: 'Nộp hồ sơ đất đai trực tuyến tại xã', body: expect.any(String) }));
    const third = await as(area.officer.auth).get(`/api/v1/messages/${messageId}/versions/3`);
    expect(third.body.priority).toBe('priority');
    expect((await as(area.officer.auth).get(`/api/v1/messages/${messageId}/versions/9`)).status).toBe(404);
  });

  it('has one audit row per transition — who, which version, the comment — and none for refusals', async () => {
    const o = area.officer.user.id;
    const d = area.districtSupervisor.user.id;
    const p = area.provinceSupervisor.user.id;
    expect(await auditRows(messageId)).toEqual([
      { action: 'create', actor_id: o, version_no: 1, comment: null, data: { from: null, to: 'draft' } },
      { action: 'submit', actor_id: o, version_no: 1, comment: null, data: { from: 'draft', to: 'submitted', approvalUnitId: area.district.id } },
      { action: 'return', actor_id: d, version_no: 1, comment: 'Bổ sung địa chỉ bộ phận một cửa', data: { from: 'submitted', to: 'returned' } },
      { action: 'edit', actor_id: o, version_no: 2, comment: null, data: { from: 'returned', to: 'draft' } },
      { action: 'submit', actor_id: o, version_no: 2, comment: null, data: { from: 'draft', to: 'submitted', approvalUnitId: area.district.id } },
      { action: 'approve', actor_id: d, version_no: 2, comment: 'Đồng ý phát', data: { from: 'submitted', to: 'approved' } },
      { action: 'edit', actor_id: o, version_no: 3, comment: null, data: { from: 'approved', to: 'draft' } },
      { action: 'edit', actor_id: d, version_no: 4, comment: null, data: { from: 'draft', to: 'draft' } },
      { action: 'submit', actor_id: o, version_no: 4, comment: null, data: { from: 'draft', to: 'submitted', approvalUnitId: area.province.id } },
      { action: 'approve', actor_id: p, version_no: 4, comment: null, data: { from: 'submitted', to: 'approved' } },
    ]);
    const trail = await as(area.officer.auth).get(`/api/v1/messages/${messageId}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.body.total).toBe(10);
    expect(trail.body.items[7]).toEqual(
      expect.objectContaining({ action: 'return', actorId: d, actorName: area.districtSupervisor.user.username, versionNo: 1, comment: 'Bổ sung địa chỉ bộ phận một cửa' }),
    );
  });

  it('lets supervisors and nobody else read the audit log of their subtree', async () => {
    expect((await as(area.officer.auth).get('/api/v1/audit')).status).toBe(403);
    const district = await as(area.districtSupervisor.auth).get(`/api/v1/audit?entityId=${messageId}&action=return`);
    expect(district.status).toBe(200);
    expect(district.body).toEqual(expect.objectContaining({ total: 1, items: [expect.objectContaining({ action: 'return', entityType: 'message' })] }));
    const otherProvince = await as(flat.provinceSupervisor.auth).get(`/api/v1/audit?entityId=${messageId}`);
    expect(otherProvince.body.total).toBe(0);
  });

  it('refuses to change or delete audit rows (append-only trigger)', async () => {
    await expect(api.db.query(`UPDATE audit_event SET comment = 'sửa' WHERE entity_id = $1`, [messageId])).rejects.toThrow(/append-only/);
    await expect(api.db.query(`DELETE FROM audit_event WHERE entity_id = $1`, [messageId])).rejects.toThrow(/append-only/);
    expect(await auditRows(messageId)).toHaveLength(10);
  });

  it('lets exactly one of two simultaneous edits from the same version win', async () => {
    const results = await Promise.all([
      as(area.officer.auth).put(`/api/v1/messages/${messageId}`, messagePayload({ baseVersion: 4, title: 'Bản A' })),
      as(area.districtSupervisor.auth).put(`/api/v1/messages/${messageId}`, messagePayload({ baseVersion: 4, title: 'Bản B' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const [row] = await api.db.query(
      `SELECT m.current_version, v.title FROM message m JOIN message_version v ON v.message_id = m.id AND v.version_no = m.current_version
        WHERE m.id = $1`,
      [messageId],
    );
    expect(row).toEqual({ current_version: 5, title: winner.body.version.title });
    expect(['Bản A', 'Bản B']).toContain(row.title);
  });

  describe('in a two-tier area (no district level)', () => {
    it('goes to the province supervisor, who approves', async () => {
      const created = await as(flat.officer.auth).post('/api/v1/messages', messagePayload({ contentGroup: 'one-stop-shop' }));
      const submitted = await as(flat.officer.auth).post(`/api/v1/messages/${created.body.id}/submit`, { version: 1 });
      expect(submitted.body.approvalUnitId).toBe(flat.province.id);
      const approved = await as(flat.provinceSupervisor.auth).post(`/api/v1/messages/${created.body.id}/approve`, { version: 1 });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
    });

    it('refuses to submit what nobody may approve: the only supervisor in the chain wrote it', async () => {
      const created = await as(flat.provinceSupervisor.auth).post('/api/v1/messages', messagePayload());
      expect(created.body.unitId).toBe(flat.province.id);
      const submitted = await as(flat.provinceSupervisor.auth).post(`/api/v1/messages/${created.body.id}/submit`, { version: 1 });
      expect(submitted.status).toBe(409);
      expect(submitted.body.message).toContain('quản trị viên');
      expect((await auditRows(created.body.id)).map((r: { action: string }) => r.action)).toEqual(['create']);
    });
  });

  it('publishes the content model without a token, with Vietnamese labels', async () => {
    const res = await api.http.get('/api/v1/reference/content-model');
    expect(res.status).toBe(200);
    expect(res.body.contentGroups).toHaveLength(10);
    expect(res.body.contentGroups[4]).toEqual({ code: 'one-stop-shop', label: 'Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính' });
    expect(res.body.indices.map((i: { code: string }) => i.code)).toEqual(['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'DDCI', 'DTI']);
    expect(res.body.priorities).toEqual([
      { code: 'normal', label: 'Thông thường' },
      { code: 'priority', label: 'Ưu tiên' },
      { code: 'emergency', label: 'Khẩn cấp' },
    ]);
    expect(res.body.limits).toEqual(expect.objectContaining({ titleMax: 200, bodyMax: 20000, commentMax: 2000 }));
    expect(res.body.sms).toEqual({ pricePerPartVnd: api.config.sms.pricePerPartVnd, defaultMaxParts: api.config.sms.defaultMaxParts });
    expect(res.body.uploads).toEqual({ maxImageBytes: api.config.uploadMaxImageBytes, maxAudioBytes: api.config.uploadMaxAudioBytes });
  });

  it('describes the message endpoints in the OpenAPI document from the DTOs', async () => {
    const doc = (await api.http.get('/api/docs-json')).body;
    for (const path of ['/api/v1/messages', '/api/v1/messages/{id}', '/api/v1/messages/{id}/approve', '/api/v1/inbox', '/api/v1/audit', '/api/v1/attachments']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const create = doc.components.schemas.CreateMessageDto;
    expect(create.required).toEqual(expect.arrayContaining(['title', 'body', 'contentGroup']));
    // Enums are named schemas, shared by the request, the response and the list's query parameter.
    expect(create.properties.contentGroup.allOf ?? [create.properties.contentGroup]).toEqual([{ $ref: '#/components/schemas/ContentGroup' }]);
    expect(doc.components.schemas.ContentGroup.enum).toHaveLength(10);
    const listParameters = doc.paths['/api/v1/messages'].get.parameters;
    expect(listParameters.find((p: { name: string }) => p.name === 'contentGroup').schema).toEqual({ $ref: '#/components/schemas/ContentGroup' });
    expect(listParameters.find((p: { name: string }) => p.name === 'sort').schema.enum).toEqual(
      expect.arrayContaining(['updatedAt', '-updatedAt', 'title', '-priority', 'status', 'createdAt']),
    );
    expect(create.properties.title.maxLength).toBe(200);
    expect(doc.paths['/api/v1/attachments'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
  });
});
