import { toCapAtomFeed, toCapXml, type CapAlert } from '#emergencies/cap/index.js';
import { CapFeedPoller } from '#services/emergencies/cap-feed-poller.service.js';
import { bearer, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeCapFeedServer } from '../fakes/fake-cap-feed.server.js';
import { capCounts, incomingAlert, officialUnit, refOf } from './cap-test-kit.js';
import { registerBoard } from './emergencies-test-kit.js';
import { signed, type SigningSystem } from './upper-systems-test-kit.js';

const PATH = '/api/v1/systems/cap/alerts';

/**
 * CAP 1.2 from other systems: pushed through the signed API by a registered upper-level system, or
 * polled from a configured CAP Atom feed. A trusted source's Alert goes out at once under its service
 * identity; the others wait as drafts. Unsigned input and replays change nothing.
 */
describe('CAP 1.2 from systems and feeds', () => {
  let api: TestApi;
  let fake: FakeCapFeedServer;
  let province: TestUnit;
  let supervisor: TestUser;
  let auth: string;
  let trusted: SigningSystem & { id: string };
  let untrusted: SigningSystem & { id: string };

  beforeAll(async () => {
    fake = await new FakeCapFeedServer().start();
    api = await startTestApi({}, { customize: (c) => ({ ...c, cap: { feeds: [{ url: fake.url('/pctt/cap.atom'), unit: { source: 'vn-2025', code: '22' }, trusted: false }] } }) });
    province = await officialUnit(api.db, '22');
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    auth = await bearer(api.http, supervisor);
    const officer = await createUser(api.db, { role: 'officer', unit: province });
    const officerAuth = await bearer(api.http, officer);
    await registerBoard(api, officerAuth, (await officialUnit(api.db, '06652')).id);
    await registerBoard(api, officerAuth, (await officialUnit(api.db, '06658')).id);
    const register = async (name: string, isTrusted: boolean) => {
      const res = await api.http.post('/api/v1/upper-systems').set('authorization', auth).send({ unitId: province.id, name, trusted: isTrusted });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, keyId: res.body.keyId as string, secret: res.body.secret as string };
    };
    trusted = await register('Hệ thống cảnh báo PCTT tỉnh', true);
    untrusted = await register('Cổng thông tin tỉnh', false);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  const push = (system: SigningSystem, alert: CapAlert | string, options = {}) =>
    signed(api.http, system, 'post', PATH, typeof alert === 'string' ? alert : toCapXml(alert), { contentType: 'application/cap+xml', ...options });

  it('a trusted system\'s Alert goes out at once under its service identity, audited; the same alert again is the same emergency', async () => {
    const alert = incomingAlert({ codes: ['06652'], sender: 'canhbao@pctt.quangninh.example.vn' });
    const res = await push(trusted, alert);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('sent');
    const [emergency] = await api.db.query(`SELECT status, authorisation, created_by AS "createdBy", broadcast_id AS "broadcastId" FROM emergency WHERE id = $1`, [res.body.emergencyId]);
    expect(emergency).toEqual(expect.objectContaining({ status: 'sent', authorisation: 'trusted-source' }));
    expect(emergency.broadcastId).toBeTruthy();
    const [identity] = await api.db.query(`SELECT display_name AS name, role, disabled_at IS NOT NULL AS disabled, unit_id AS "unitId" FROM app_user WHERE id = $1`, [emergency.createdBy]);
    expect(identity).toEqual({ name: 'Nguồn CAP: Hệ thống cảnh báo PCTT tỉnh', role: 'supervisor', disabled: true, unitId: province.id });
    const audit = await api.db.query(`SELECT action, actor_id AS "actorId", data FROM audit_event WHERE entity_type = 'emergency' AND entity_id = $1 ORDER BY id`, [res.body.emergencyId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['import', 'send']);
    expect(audit[1]).toEqual({ action: 'send', actorId: emergency.createdBy, data: expect.objectContaining({ authorisation: 'trusted-source', cap: expect.objectContaining({ kind: 'system', name: 'Hệ thống cảnh báo PCTT tỉnh' }) }) });

    const before = await capCounts(api.db);
    const again = await push(trusted, alert);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(expect.objectContaining({ outcome: 'duplicate', emergencyId: res.body.emergencyId }));
    expect(await capCounts(api.db)).toEqual(before);
  });

  it('an untrusted system\'s Alert waits as a draft; its Cancel withdraws it', async () => {
    const alert = incomingAlert({ codes: ['06658'], sender: 'cong@quangninh.example.vn' });
    const res = await push(untrusted, alert);
    expect(res.body.outcome).toBe('draft');
    const cancel = await push(untrusted, incomingAlert({ codes: ['06658'], sender: alert.sender, msgType: 'Cancel', references: [refOf(alert)] }));
    expect(cancel.body).toEqual(expect.objectContaining({ outcome: 'cancelled', emergencyId: res.body.emergencyId }));
    const [row] = await api.db.query(`SELECT status, broadcast_id AS "broadcastId" FROM emergency WHERE id = $1`, [res.body.emergencyId]);
    expect(row).toEqual({ status: 'cancelled', broadcastId: null });
  });

  it('refuses an unsigned push, a wrong signature, and a system cancelling another sender\'s alert, writing nothing', async () => {
    const before = await capCounts(api.db);
    const xml = toCapXml(incomingAlert({ codes: ['06652'] }));
    const unsigned = await api.http.post(PATH).set('content-type', 'application/cap+xml').send(xml);
    expect(unsigned.status).toBe(401);
    expect((await push(untrusted, xml, { secret: trusted.secret })).status).toBe(401);
    expect((await push(untrusted, xml, { sentBody: xml.replace('lũ quét', 'lũ ống') })).status).toBe(401);
    const theirs = incomingAlert({ codes: ['06652'], sender: 'canhbao@pctt.quangninh.example.vn' });
    expect((await push(trusted, theirs)).status).toBe(200);
    const afterTheirs = await capCounts(api.db);
    const hijack = await push(untrusted, incomingAlert({ codes: ['06652'], sender: 'cong@quangninh.example.vn', msgType: 'Cancel', references: [refOf(theirs)] }));
    expect(hijack.status).toBe(400);
    expect(hijack.body.details[0]).toEqual(expect.objectContaining({ field: 'alert/sender', rule: 'not-original-sender' }));
    expect(await capCounts(api.db)).toEqual(afterTheirs);
    expect(afterTheirs.emergencies).toBe(before.emergencies + 1);
  });

  it('a polled feed picks up a new alert once, then its Update; an entry it cannot read is refused and written nowhere', async () => {
    const poller = api.app.get(CapFeedPoller);
    const alert = incomingAlert({ codes: ['06652'], sender: 'kttv@quangninh.example.vn' });
    const update = incomingAlert({ codes: ['06652'], sender: alert.sender, msgType: 'Update', references: [refOf(alert)], headline: 'Lũ quét: cập nhật' });
    const publishFeed = (alerts: [CapAlert, string][]) =>
      fake.publish('/pctt/cap.atom', toCapAtomFeed({ id: fake.url('/pctt/cap.atom'), title: 'KTTV Quảng Ninh', selfUrl: fake.url('/pctt/cap.atom'), authorName: 'KTTV', entries: alerts.map(([a, path]) => ({ alert: a, url: fake.url(path) })) }), 'application/atom+xml');
    fake.publish('/pctt/1.xml', toCapXml(alert));
    publishFeed([[alert, '/pctt/1.xml']]);

    const [first] = await poller.pollAll();
    expect(first).toEqual(expect.objectContaining({ known: 0, received: { draft: 1 }, refused: [] }));
    const before = await capCounts(api.db);
    const [second] = await poller.pollAll();
    expect(second).toEqual(expect.objectContaining({ known: 1, received: {}, refused: [] }));
    expect(fake.hits.get('/pctt/1.xml')).toBe(1);
    expect(await capCounts(api.db)).toEqual(before);
    const [{ source, emergencyId }] = await api.db.query(`SELECT source, emergency_id AS "emergencyId" FROM cap_message WHERE alert_key = $1`, [`${alert.sender},${alert.identifier},${alert.sent}`]);
    expect(source).toBe('feed');

    fake.publish('/pctt/2.xml', toCapXml(update));
    fake.publish('/pctt/3.xml', toCapXml(incomingAlert({ codes: ['99999'], sender: alert.sender })));
    publishFeed([[alert, '/pctt/1.xml'], [update, '/pctt/2.xml'], [incomingAlert({ codes: ['99999'] }), '/pctt/3.xml']]);
    const [third] = await poller.pollAll();
    expect(third.received).toEqual({ updated: 1 });
    expect(third.refused).toEqual([expect.objectContaining({ url: fake.url('/pctt/3.xml') })]);
    const [draft] = await api.db.query(`SELECT status, message_version AS "messageVersion" FROM emergency WHERE id = $1`, [emergencyId]);
    expect(draft).toEqual({ status: 'draft', messageVersion: 2 });
  });
});
