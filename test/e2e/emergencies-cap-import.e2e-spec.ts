import { toCapXml } from '#emergencies/cap/index.js';
import { validateWithSchema } from '#test/cap-samples.js';
import { bearer, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { capCounts, incomingAlert, officialUnit, refOf } from './cap-test-kit.js';
import { registerBoard } from './emergencies-test-kit.js';

/**
 * CAP 1.2 in, from the console: a supervisor uploads an Alert, which waits as a draft over the units
 * its geocodes name; a supervisor sends it with their password; the sender's Update and Cancel then
 * act on that same broadcast. Bad or replayed documents are refused and write nothing.
 */
describe('CAP 1.2 import by a supervisor', () => {
  let api: TestApi;
  let province: TestUnit;
  let communeA: TestUnit;
  let communeB: TestUnit;
  let supervisor: TestUser;
  let other: TestUser;
  let auth: string;
  let officerAuth: string;
  let communeAuth: string;

  beforeAll(async () => {
    api = await startTestApi();
    province = await officialUnit(api.db, '22');
    communeA = await officialUnit(api.db, '06652');
    communeB = await officialUnit(api.db, '06658');
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    other = await createUser(api.db, { role: 'supervisor', unit: province });
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const communeSupervisor = await createUser(api.db, { role: 'supervisor', unit: communeB });
    auth = await bearer(api.http, supervisor);
    officerAuth = await bearer(api.http, officer);
    communeAuth = await bearer(api.http, communeSupervisor);
    await registerBoard(api, officerAuth, communeA.id);
    await registerBoard(api, officerAuth, communeB.id);
  });
  afterAll(() => api?.close());

  const upload = (xml: string, as = auth) => api.http.post('/api/v1/emergencies/cap-imports').set('authorization', as).attach('file', Buffer.from(xml, 'utf8'), { filename: 'canh-bao.xml', contentType: 'application/xml' });
  const post = (xml: string, as = auth) => api.http.post('/api/v1/emergencies/cap-imports').set('authorization', as).set('content-type', 'application/cap+xml').send(xml);

  it('an Alert becomes a draft over the units of its geocodes; a supervisor sends it; its Update and Cancel act on the same broadcast', async () => {
    const alert = incomingAlert({ codes: ['06652', '06658'] });
    const imported = await upload(toCapXml(alert));
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual(expect.objectContaining({ outcome: 'draft', alertKey: `${alert.sender},${alert.identifier},${alert.sent}` }));
    const draft = imported.body.emergency;
    expect(draft).toEqual(expect.objectContaining({ id: imported.body.emergencyId, status: 'draft', authorisation: null, title: 'Cảnh báo lũ quét', broadcastId: null, createdBy: supervisor.id }));
    expect([...draft.targetUnitIds].sort()).toEqual([communeA.id, communeB.id].sort());
    expect(draft.channels).toEqual(['board']);
    const waiting = await api.http.get('/api/v1/emergencies?status=draft').set('authorization', auth);
    expect(waiting.body.items.map((e: { id: string }) => e.id)).toContain(draft.id);

    expect((await api.http.post(`/api/v1/emergencies/${draft.id}/send`).set('authorization', auth).send({ password: 'sai-mat-khau' })).status).toBe(400);
    const sentByOther = await api.http.post(`/api/v1/emergencies/${draft.id}/send`).set('authorization', await bearer(api.http, other)).send({ password: other.password });
    expect(sentByOther.status).toBe(200);
    expect(sentByOther.body).toEqual(expect.objectContaining({ status: 'sent', authorisation: 'self', createdBy: other.id }));
    const broadcastId = sentByOther.body.broadcastId;
    expect(sentByOther.body.broadcast).toEqual(expect.objectContaining({ id: broadcastId, priority: 'emergency' }));
    const [audit] = await api.db.query(`SELECT actor_id AS "actorId", data FROM audit_event WHERE entity_type = 'emergency' AND entity_id = $1 AND action = 'send'`, [draft.id]);
    expect(audit).toEqual({ actorId: other.id, data: expect.objectContaining({ authorisation: 'self', from: 'draft', broadcastId }) });
    expect((await api.http.post(`/api/v1/emergencies/${draft.id}/send`).set('authorization', auth).send({ password: supervisor.password })).status).toBe(409);

    const update = incomingAlert({ codes: ['06652', '06658'], msgType: 'Update', references: [refOf(alert)], headline: 'Cảnh báo lũ quét (cập nhật)', description: 'Nước đã rút ở phường Cao Xanh; phường Hà Tu vẫn sơ tán.' });
    const updated = await upload(toCapXml(update));
    expect(updated.status).toBe(201);
    expect(updated.body).toEqual(expect.objectContaining({ outcome: 'updated', emergencyId: draft.id }));
    expect(updated.body.emergency).toEqual(expect.objectContaining({ status: 'sent', broadcastId, messageVersion: 2, title: 'Cảnh báo lũ quét (cập nhật)' }));

    const cancel = incomingAlert({ codes: ['06652'], msgType: 'Cancel', references: [refOf(alert), refOf(update)], description: 'Đã hết nguy cơ lũ quét' });
    const cancelled = await post(toCapXml(cancel));
    expect(cancelled.status).toBe(201);
    expect(cancelled.body).toEqual(expect.objectContaining({ outcome: 'cancelled', emergencyId: draft.id }));
    expect(cancelled.body.emergency).toEqual(expect.objectContaining({ status: 'cancelled', broadcastId }));
    const [broadcast] = await api.db.query(`SELECT status FROM broadcast WHERE id = $1`, [broadcastId]);
    expect(broadcast.status).toBe('cancelled');
    const changes = await api.db.query(`SELECT kind, reason FROM emergency_change WHERE emergency_id = $1 ORDER BY created_at`, [draft.id]);
    expect(changes).toEqual([{ kind: 'update', reason: null }, { kind: 'cancel', reason: 'Đã hết nguy cơ lũ quét' }]);
    const received = await api.db.query(`SELECT msg_type AS "msgType", change_id IS NOT NULL AS linked FROM cap_message WHERE emergency_id = $1 AND direction = 'in' ORDER BY created_at`, [draft.id]);
    expect(received).toEqual([{ msgType: 'Alert', linked: false }, { msgType: 'Update', linked: true }, { msgType: 'Cancel', linked: true }]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM emergency WHERE id = $1`, [draft.id]))[0].n).toBe(1);

    const listed = await api.http.get(`/api/v1/emergencies/${draft.id}/cap-messages`).set('authorization', auth);
    expect(listed.status).toBe(200);
    const summary = listed.body.map((m: { direction: string; msgType: string; source: string | null; url: string | null }) => `${m.direction}:${m.msgType}:${m.source}:${m.url !== null}`);
    expect(summary.sort()).toEqual(['in:Alert:upload:false', 'in:Cancel:upload:false', 'in:Update:upload:false', 'out:Alert:null:true', 'out:Cancel:null:true', 'out:Update:null:true']);
    expect((await api.http.get(`/api/v1/emergencies/${draft.id}/cap-messages`).set('authorization', communeAuth)).status).toBe(404);
    // Re-issued under tincoso's name, the imported alert keeps its event and is valid CAP 1.2.
    const issued = await Promise.all(
      listed.body.filter((m: { url: string | null }) => m.url).map(async (m: { url: string }) => (await api.http.get(new URL(m.url).pathname).buffer(true)).text ?? ''),
    );
    expect(issued.every((xml: string) => xml.includes('<event>Lũ quét</event>') && xml.includes('<severity>Extreme</severity>'))).toBe(true);
    expect(validateWithSchema(issued)).toEqual([]);
  });

  it('an Update of a draft changes the draft itself; a Cancel withdraws it', async () => {
    const alert = incomingAlert({ codes: ['06652'] });
    const { body } = await upload(toCapXml(alert));
    const update = incomingAlert({ codes: ['06652'], msgType: 'Update', references: [refOf(alert)], headline: 'Lũ quét: mở rộng vùng sơ tán' });
    const updated = await upload(toCapXml(update));
    expect(updated.body.emergency).toEqual(expect.objectContaining({ id: body.emergencyId, status: 'draft', messageVersion: 2, title: 'Lũ quét: mở rộng vùng sơ tán' }));
    const cancelled = await upload(toCapXml(incomingAlert({ codes: ['06652'], msgType: 'Cancel', references: [refOf(alert), refOf(update)] })));
    expect(cancelled.body.emergency).toEqual(expect.objectContaining({ status: 'cancelled', broadcastId: null }));
  });

  it('where the province requires two supervisors, the one who sends a draft asks and another confirms', async () => {
    expect((await api.http.put('/api/v1/emergencies/policy').set('authorization', auth).send({ requireSecondSupervisor: true })).status).toBe(200);
    try {
      const { body } = await upload(toCapXml(incomingAlert({ codes: ['06658'] })));
      const asked = await api.http.post(`/api/v1/emergencies/${body.emergencyId}/send`).set('authorization', auth).send({ password: supervisor.password });
      expect(asked.status).toBe(200);
      expect(asked.body).toEqual(expect.objectContaining({ status: 'awaiting-second-supervisor', authorisation: 'second-supervisor', createdBy: supervisor.id, broadcast: null }));
      expect((await api.http.post(`/api/v1/emergencies/${body.emergencyId}/confirm`).set('authorization', auth).send({ password: supervisor.password })).status).toBe(403);
      const confirmed = await api.http.post(`/api/v1/emergencies/${body.emergencyId}/confirm`).set('authorization', await bearer(api.http, other)).send({ password: other.password });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual(expect.objectContaining({ status: 'sent', confirmedBy: other.id }));
      expect(confirmed.body.broadcast).toEqual(expect.objectContaining({ priority: 'emergency' }));
    } finally {
      await api.http.put('/api/v1/emergencies/policy').set('authorization', auth).send({ requireSecondSupervisor: false });
    }
  });

  it('refuses malformed XML, a wrong namespace, an unknown geocode, a unit out of scope and a replay, writing nothing', async () => {
    const alert = incomingAlert({ codes: ['06652'] });
    expect((await upload(toCapXml(alert))).status).toBe(201);
    const before = await capCounts(api.db);
    const refusals: [string, string, string][] = [
      [toCapXml(alert).replace('</identifier>', '</identifer>'), 'document', 'malformed-xml'],
      [toCapXml(incomingAlert({ codes: ['06652'] })).replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'), 'alert', 'wrong-namespace'],
      [toCapXml(incomingAlert({ codes: ['06652', '99999'] })), 'alert/info[1]/area[1]/geocode[2]', 'unknown-geocode'],
      [toCapXml({ ...incomingAlert({ codes: ['06652'] }), status: 'Exercise' }), 'alert/status', 'not-actual'],
      [toCapXml(incomingAlert({ codes: ['06652'], msgType: 'Update', references: [{ sender: 'x@y', identifier: 'khong-co', sent: '2026-09-06T07:00:00+07:00' }] })), 'alert/references', 'unknown'],
    ];
    for (const [xml, field, rule] of refusals) {
      const res = await upload(xml);
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toEqual(expect.objectContaining({ field, rule }));
      expect(res.body.details[0].message).toMatch(/\p{L}/u);
    }
    const outOfScope = await upload(toCapXml(incomingAlert({ codes: ['06652'] })), communeAuth);
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.details[0]).toEqual(expect.objectContaining({ field: 'alert/info[1]/area[1]/geocode[1]', rule: 'in-scope' }));
    const replay = await upload(toCapXml(alert));
    expect(replay.status).toBe(409);
    expect(replay.body.message).toMatch(/đã được nhận/);
    expect((await upload(toCapXml(incomingAlert({ codes: ['06652'] })), officerAuth)).status).toBe(403);
    expect((await api.http.post('/api/v1/emergencies/cap-imports').set('authorization', auth)).status).toBe(400);
    expect(await capCounts(api.db)).toEqual(before);
  });
});
