import { createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import type { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { quietNow, writtenCounts } from './emergencies-test-kit.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

describe('emergencies where the province requires a second supervisor', () => {
  let bed: SmsTestbed;
  let api: TestApi;
  let fake: FakeTwilioServer;
  let commune: TestUnit;
  let author: TestUser;
  let authorAuth: string;
  let second: TestUser;
  let secondAuth: string;
  let phones: string[];

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Hai Chữ Ký' });
    ({ api, fake } = bed);
    commune = await createUnit(api.db, { name: 'Xã Đầu Nguồn', level: 'commune', parent: bed.province });
    author = await createUser(api.db, { role: 'supervisor', unit: commune });
    authorAuth = await bearer(api.http, author);
    second = bed.supervisor;
    secondAuth = bed.supervisorAuth;
    phones = await createSubscribers(api.db, { unit: commune, count: 3, from: 8000 });
    await quietNow(api.db);
  });
  afterAll(() => bed?.close());

  const policy = (auth: string, body: object) => api.http.put('/api/v1/emergencies/policy').set('authorization', auth).send(body);

  it('lets only admins and supervisors of the province change the rule, and audits it', async () => {
    expect((await api.http.get('/api/v1/emergencies/policy').set('authorization', authorAuth)).body).toEqual(
      expect.objectContaining({ provinceId: bed.province.id, requireSecondSupervisor: false }),
    );
    expect((await policy(bed.officerAuth, { requireSecondSupervisor: true })).status).toBe(403);
    const commune = await policy(authorAuth, { requireSecondSupervisor: true });
    expect(commune.status).toBe(403);
    expect(commune.body.message).toContain('lãnh đạo của Tỉnh Hai Chữ Ký');
    const set = await policy(secondAuth, { requireSecondSupervisor: true });
    expect(set.status).toBe(200);
    expect(set.body).toEqual(expect.objectContaining({ provinceId: bed.province.id, requireSecondSupervisor: true, updatedBy: second.id }));
    const [audit] = await api.db.query(`SELECT action, data FROM audit_event WHERE entity_type = 'emergency-policy' AND entity_id = $1`, [bed.province.id]);
    expect(audit).toEqual({ action: 'update', data: { requireSecondSupervisor: true } });
  });

  it('waits for another supervisor, who confirms it with their password; then it goes out', async () => {
    const preview = await api.http.post('/api/v1/emergencies/preview').set('authorization', authorAuth).send({ title: 'Sạt lở đất', text: 'Nguy cơ sạt lở tại thôn Khuổi Luông, sơ tán ngay.', channels: ['sms'] });
    expect(preview.body.requiresSecondSupervisor).toBe(true);
    expect(preview.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'second-supervisor' })]));

    const sent = await api.http
      .post('/api/v1/emergencies')
      .set('authorization', authorAuth)
      .send({ title: 'Sạt lở đất', text: 'Nguy cơ sạt lở tại thôn Khuổi Luông, sơ tán ngay.', channels: ['sms'], password: author.password });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual(expect.objectContaining({ status: 'awaiting-second-supervisor', authorisation: 'second-supervisor', broadcast: null, broadcastId: null }));
    const [{ n: broadcasts }] = await api.db.query(`SELECT count(*)::int AS n FROM broadcast WHERE message_id = $1`, [sent.body.messageId]);
    expect(broadcasts).toBe(0);
    const [message] = await api.db.query(`SELECT status, approval_unit_id FROM message WHERE id = $1`, [sent.body.messageId]);
    expect(message).toEqual({ status: 'submitted', approval_unit_id: bed.province.id });

    const pending = await api.http.get('/api/v1/emergencies?status=awaiting-second-supervisor').set('authorization', secondAuth);
    expect(pending.body.items.map((e: { id: string }) => e.id)).toEqual([sent.body.id]);
    expect((await api.http.get('/api/v1/emergencies?status=sent').set('authorization', secondAuth)).body.total).toBe(0);

    const confirm = (auth: string, password: string) => api.http.post(`/api/v1/emergencies/${sent.body.id}/confirm`).set('authorization', auth).send({ password });
    const before = await writtenCounts(api.db);
    const self = await confirm(authorAuth, author.password);
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('người soạn tin khẩn cấp không tự xác nhận');
    expect((await confirm(bed.officerAuth, 'mat-khau-thu-nghiem')).status).toBe(403);
    const wrong = await confirm(secondAuth, 'khong-dung');
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'mismatch' })]);
    // The inbox's approve and return do not apply to it: only a confirmation with a password sends it.
    for (const action of ['approve', 'return']) {
      const viaInbox = await api.http.post(`/api/v1/messages/${sent.body.messageId}/${action}`).set('authorization', secondAuth).send({ version: 1, comment: 'Trả lại' });
      expect(viaInbox.status).toBe(409);
      expect(viaInbox.body.message).toContain('Phát khẩn cấp');
    }
    expect(await writtenCounts(api.db)).toEqual(before);
    expect(fake.messages).toHaveLength(0);

    const ok = await confirm(secondAuth, second.password);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ status: 'sent', confirmedBy: second.id, authorisation: 'second-supervisor' }));
    expect(ok.body.broadcast).toEqual(expect.objectContaining({ priority: 'emergency', channels: ['sms'] }));
    await waitFor(() => deliveryCounts(api.db, ok.body.broadcast.id), (c) => c.sent === 3, 20_000, 'sms sent after confirmation');
    expect(fake.messages.map((m) => m.to).sort()).toEqual([...phones].sort());

    const audit = await api.db.query(`SELECT entity_type, action, actor_id, data FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY id`, [sent.body.messageId, sent.body.id]);
    expect(audit.map((a: { entity_type: string; action: string; actor_id: string }) => `${a.entity_type}:${a.action}:${a.actor_id === author.id ? 'author' : 'second'}`)).toEqual([
      'message:create:author',
      'message:submit:author',
      'emergency:request:author',
      'message:approve:second',
      'emergency:confirm:second',
    ]);
    expect(audit[3].data).toEqual(expect.objectContaining({ authorisation: 'second-supervisor', requestedBy: author.id }));

    const again = await confirm(secondAuth, second.password);
    expect(again.status).toBe(409);
  });
});
