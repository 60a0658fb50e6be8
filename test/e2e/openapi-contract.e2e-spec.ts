import type { Response } from 'supertest';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { nonConformities, type Schema, type SchemaDocument } from './openapi-conformance.js';

type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;
interface Document extends SchemaDocument {
  paths: Record<string, Record<string, { responses: Responses }>>;
}

/** Real answers of the API read against its own OpenAPI document: what the console's types promise is what arrives. */
describe('the OpenAPI document tells the truth about the answers', () => {
  let api: TestApi;
  let document: Document;
  let commune: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;
  let officerAuth: string;
  let adminAuth: string;

  /** The answer's status is documented for the route, and its JSON body fits the documented schema. */
  function expectDocumented(template: string, res: Response): void {
    const method = res.request.method.toLowerCase();
    const documented = document.paths[template]?.[method]?.responses[String(res.status)];
    expect([template, method, res.status, documented ? 'documented' : 'undocumented']).toEqual([template, method, res.status, 'documented']);
    const schema = documented?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${template} ${res.status}: no JSON schema`);
    expect([`${method.toUpperCase()} ${template}`, nonConformities(document, schema, res.body)]).toEqual([`${method.toUpperCase()} ${template}`, []]);
  }

  beforeAll(async () => {
    api = await startTestApi();
    document = (await api.http.get('/api/docs-json')).body as Document;
    const province = await createUnit(api.db, { name: 'Tỉnh Hợp Đồng', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Hợp Đồng', level: 'commune', parent: province });
    officer = await createUser(api.db, { role: 'officer', unit: commune });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    officerAuth = await bearer(api.http, officer);
    adminAuth = await bearer(api.http, await createUser(api.db, { role: 'admin', unit: province }));
  });
  afterAll(() => api.close());

  it('public answers: health, readiness, content model, and an error body', async () => {
    expectDocumented('/health', await api.http.get('/health'));
    expectDocumented('/health/ready', await api.http.get('/health/ready'));
    expectDocumented('/api/v1/reference/content-model', await api.http.get('/api/v1/reference/content-model'));
    const refused = await api.http.post('/api/v1/auth/login').send({ username: 'khong-co', password: 'sai' });
    expect(refused.body.message).toEqual(expect.any(String));
    expectDocumented('/api/v1/auth/login', refused);
  });

  it('accounts, units and users', async () => {
    expectDocumented('/api/v1/auth/me', await api.http.get('/api/v1/auth/me').set('authorization', officerAuth));
    expectDocumented('/api/v1/units', await api.http.get('/api/v1/units').set('authorization', officerAuth));
    expectDocumented('/api/v1/units/{id}', await api.http.get(`/api/v1/units/${commune.id}`).set('authorization', officerAuth));
    const missing = await api.http.get('/api/v1/units/7d1f4a52-0c2e-4f4e-9b1a-3c5d6e7f8091').set('authorization', officerAuth);
    expect(missing.status).toBe(404);
    expectDocumented('/api/v1/units/{id}', missing);
    const users = await api.http.get('/api/v1/users').set('authorization', adminAuth);
    expect(users.body.total).toBe(3);
    expectDocumented('/api/v1/users', users);
  });

  it('loudspeaker stations, groups, slots and the device protocol', async () => {
    const created = await api.http
      .post('/api/v1/loudspeakers/stations')
      .set('authorization', officerAuth)
      .send({ name: 'Cụm loa thôn Đông', kind: 'ip-cluster', vendor: 'Hanet', location: 'Nhà văn hóa' });
    expectDocumented('/api/v1/loudspeakers/stations', created);
    const { station, token } = created.body as { station: { id: string }; token: string };
    const slot = await api.http
      .post('/api/v1/loudspeakers/slots')
      .set('authorization', officerAuth)
      .send({ stationId: station.id, label: 'Bản tin sáng', daysOfWeek: [1, 2, 3, 4, 5], startTime: '06:00', endTime: '06:30' });
    expectDocumented('/api/v1/loudspeakers/slots', slot);
    const group = await api.http.post('/api/v1/loudspeakers/groups').set('authorization', officerAuth).send({ name: 'Loa phía Bắc' });
    expectDocumented('/api/v1/loudspeakers/groups', group);
    expectDocumented('/api/v1/loudspeakers/groups', await api.http.get('/api/v1/loudspeakers/groups').set('authorization', officerAuth));
    expectDocumented('/api/v1/loudspeakers/groups/{id}', await api.http.get(`/api/v1/loudspeakers/groups/${group.body.id}`).set('authorization', officerAuth));
    expectDocumented('/api/v1/loudspeakers/stations', await api.http.get('/api/v1/loudspeakers/stations').set('authorization', officerAuth));
    const detail = await api.http.get(`/api/v1/loudspeakers/stations/${station.id}`).set('authorization', officerAuth);
    expect(detail.body.slots).toHaveLength(1);
    expectDocumented('/api/v1/loudspeakers/stations/{id}', detail);
    expectDocumented(
      '/api/v1/loudspeakers/stations/{id}/airtime',
      await api.http.get(`/api/v1/loudspeakers/stations/${station.id}/airtime?from=2026-11-01&to=2026-11-30`).set('authorization', officerAuth),
    );

    const beat = await api.http.post('/api/v1/devices/stations/heartbeat').set('x-device-token', token).send({ status: 'ok', volume: 70 });
    expectDocumented('/api/v1/devices/stations/heartbeat', beat);
    expectDocumented('/api/v1/devices/stations/playlist', await api.http.get('/api/v1/devices/stations/playlist').set('authorization', `Bearer ${token}`));
    expectDocumented('/api/v1/devices/stations/plays', await api.http.post('/api/v1/devices/stations/plays').set('x-device-token', token).send([]));
    expectDocumented('/api/v1/devices/stations/playlist', await api.http.get('/api/v1/devices/stations/playlist').set('x-device-token', 'sai'));

    const updated = await api.http
      .put(`/api/v1/loudspeakers/stations/${station.id}`)
      .set('authorization', officerAuth)
      .send({ name: 'Cụm loa thôn Tây', kind: 'ip-cluster' });
    expect(updated.body).toMatchObject({ name: 'Cụm loa thôn Tây', online: true, vendor: null });
    expectDocumented('/api/v1/loudspeakers/stations/{id}', updated);
    expectDocumented('/api/v1/loudspeakers/stations/{id}/token', await api.http.post(`/api/v1/loudspeakers/stations/${station.id}/token`).set('authorization', officerAuth));
  });

  it('lists of channel accounts, boards, messages and the SMS sandbox', async () => {
    expectDocumented('/api/v1/channel-accounts', await api.http.get('/api/v1/channel-accounts').set('authorization', adminAuth));
    const board = await api.http.post('/api/v1/boards').set('authorization', officerAuth).send({ name: 'Bảng tin UBND xã' });
    expectDocumented('/api/v1/boards', board);
    expectDocumented('/api/v1/boards', await api.http.get('/api/v1/boards').set('authorization', officerAuth));
    expectDocumented('/api/v1/messages', await api.http.get('/api/v1/messages').set('authorization', officerAuth));
    expectDocumented('/api/v1/broadcasts', await api.http.get('/api/v1/broadcasts').set('authorization', officerAuth));
    expectDocumented('/api/v1/sandbox/sms', await api.http.get('/api/v1/sandbox/sms').set('authorization', officerAuth));
  });

  it('a broadcast from preview to cancellation, the calendar and the dashboard', async () => {
    const messageId = await createApprovedMessage(api.db, { unit: commune, author: officer, approver: supervisor, sms: 'UBND xa: nop ho so truc tuyen' });
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const request = { messageId, channels: ['sms'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at } };
    const preview = await api.http.post('/api/v1/broadcasts/preview').set('authorization', officerAuth).send(request);
    expect(preview.body.occurrenceCount).toBe(1);
    expectDocumented('/api/v1/broadcasts/preview', preview);
    const scheduled = await api.http.post('/api/v1/broadcasts').set('authorization', officerAuth).send(request);
    expectDocumented('/api/v1/broadcasts', scheduled);
    const id = scheduled.body.id as string;
    const listed = await api.http.get('/api/v1/broadcasts').set('authorization', officerAuth);
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([id]);
    expectDocumented('/api/v1/broadcasts', listed);
    expectDocumented('/api/v1/broadcasts/{id}', await api.http.get(`/api/v1/broadcasts/${id}`).set('authorization', officerAuth));
    expectDocumented('/api/v1/broadcasts/{id}/progress', await api.http.get(`/api/v1/broadcasts/${id}/progress`).set('authorization', officerAuth));
    expectDocumented('/api/v1/broadcasts/{id}/deliveries', await api.http.get(`/api/v1/broadcasts/${id}/deliveries`).set('authorization', officerAuth));
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const calendar = await api.http.get('/api/v1/calendar/occurrences').query({ from, to }).set('authorization', officerAuth);
    expect(calendar.body).toHaveLength(1);
    expectDocumented('/api/v1/calendar/occurrences', calendar);
    expectDocumented('/api/v1/dashboard', await api.http.get('/api/v1/dashboard').set('authorization', officerAuth));
    expectDocumented('/api/v1/broadcasts/{id}/cancel', await api.http.post(`/api/v1/broadcasts/${id}/cancel`).set('authorization', officerAuth));
  });
});
