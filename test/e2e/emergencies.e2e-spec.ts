import { localDate } from '#domain/index.js';
import { QUEUES, JobQueue } from '#queue/index.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import type { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { quietNow, registerBoard, registerStation, TZ, writtenCounts } from './emergencies-test-kit.js';
import { startSmsTestbed, type SmsTestbed } from './sms-testbed.js';

const TITLE = 'Cảnh báo lũ quét';
const TEXT = 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối. Người dân di chuyển ngay lên nhà văn hóa xã, không qua ngầm tràn.';

describe('emergencies: one supervisor, every channel, in one action', () => {
  let bed: SmsTestbed;
  let api: TestApi;
  let fake: FakeTwilioServer;
  let commune: TestUnit;
  let outside: TestUnit;
  let supervisor: TestUser;
  let auth: string;
  let officerAuth: string;
  let phones: string[];
  let optedOut: string[];
  let station: { id: string; token: string };
  let board: { id: string; token: string };

  beforeAll(async () => {
    bed = await startSmsTestbed({ name: 'Tỉnh Mưa Lũ' });
    ({ api, fake } = bed);
    commune = await createUnit(api.db, { name: 'Xã Ven Suối', level: 'commune', parent: bed.province });
    outside = await createUnit(api.db, { name: 'Tỉnh Khác', level: 'province' });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: commune });
    const officer = await createUser(api.db, { role: 'officer', unit: commune });
    auth = await bearer(api.http, supervisor);
    officerAuth = await bearer(api.http, officer);
    phones = await createSubscribers(api.db, { unit: commune, count: 2, from: 7000 });
    optedOut = await createSubscribers(api.db, { unit: commune, count: 1, from: 7100, optedOut: true });
    station = await registerStation(api, officerAuth, commune.id);
    board = await registerBoard(api, officerAuth, commune.id);
    await quietNow(api.db);
  });
  afterAll(() => bed?.close());

  const send = (body: object, as = auth) => api.http.post('/api/v1/emergencies').set('authorization', as).send(body);

  it('previews every rendition, the SMS parts and cost, recipients per channel, and no quiet-hours wait', async () => {
    const longText = `${TEXT} `.repeat(4).trim();
    const res = await api.http.post('/api/v1/emergencies/preview').set('authorization', auth).send({ title: TITLE, text: longText });
    expect(res.status).toBe(200);
    expect(res.body.channels).toEqual(['sms', 'board', 'loudspeaker']);
    expect(res.body.recipients).toEqual({ sms: 2, board: 1, loudspeaker: 1 });
    expect(res.body.sms).toEqual(expect.objectContaining({ encoding: 'UCS-2', parts: 3, maxParts: 3, shortened: true }));
    expect(res.body.sms.partTexts).toHaveLength(3);
    expect(res.body.sms.partTexts.join('')).toBe(res.body.sms.text);
    expect(res.body.renditions.sms).toBe(res.body.sms.text);
    expect(res.body.sms.text.startsWith(`KHẨN CẤP - ${TITLE}: Mưa lớn`)).toBe(true);
    expect(res.body.renditions.loudspeaker).toBe(`Thông báo khẩn cấp. ${TITLE}. ${longText}`);
    expect(res.body.renditions.board.title).toBe(TITLE);
    expect(res.body.estimatedCost).toEqual(expect.objectContaining({ currency: 'VND', perOccurrence: 3 * 2 * res.body.estimatedCost.perPart }));
    const codes = res.body.warnings.map((w: { code: string; channel: string }) => `${w.code}:${w.channel}`);
    expect(codes).toEqual(expect.arrayContaining(['channel-unavailable:zalo', 'channel-unavailable:facebook', 'sms-shortened:sms']));
    expect(codes.some((c: string) => c.startsWith('quiet-hours'))).toBe(false);
    // The same hour holds a routine SMS back: quiet hours are on now.
    const routine = await createApprovedMessage(api.db, { unit: commune, author: supervisor, approver: bed.supervisor, sms: 'Tin thường lệ.' });
    const held = await api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', auth)
      .send({ messageId: routine, channels: ['sms'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(held.body.warnings).toEqual([expect.objectContaining({ code: 'quiet-hours', channel: 'sms' })]);
    expect(res.body.requiresSecondSupervisor).toBe(false);
  });

  it('sends at once inside quiet hours to SMS (not the opted-out number), the station and the board, audited as self-authorised', async () => {
    const res = await send({ title: TITLE, text: TEXT, password: supervisor.password });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ status: 'sent', authorisation: 'self', title: TITLE, channels: ['sms', 'board', 'loudspeaker'], targetUnitIds: [commune.id] }));
    const broadcast = res.body.broadcast;
    expect(broadcast).toEqual(expect.objectContaining({ id: res.body.broadcastId, priority: 'emergency', unitId: commune.id, createdBy: supervisor.id }));
    expect(Date.parse(broadcast.schedule.at)).toBeGreaterThan(Date.now() - 60_000);

    await waitFor(() => deliveryCounts(api.db, broadcast.id), (c) => c.sent >= 3, 30_000, 'sms and loudspeaker sent');
    await waitFor(async () => fake.messages.length, (n) => n === 2, 10_000, 'two SMS at the fake Twilio');
    expect(fake.messages.map((m) => m.to).sort()).toEqual([...phones].sort());
    expect(fake.messages.some((m) => optedOut.includes(m.to))).toBe(false);
    expect(fake.messages[0].body).toBe(`KHẨN CẤP - ${TITLE}: ${TEXT}`);

    // The SMS and the board do not wait for the speech: the station's item comes once it is rendered.
    const playlist = await waitFor(
      () => api.http.get(`/api/v1/devices/stations/playlist?date=${localDate(new Date(), TZ)}`).set('authorization', `Bearer ${station.token}`),
      (r) => r.status !== 200 || r.body.items.length > 0,
      30_000,
      'the station\'s item',
    );
    expect(playlist.status).toBe(200);
    expect(playlist.body.items[0]).toEqual(expect.objectContaining({ priority: 'emergency', title: TITLE, position: 0 }));
    const slides = await api.http.get(`/boards/${board.token}/slides.json`);
    expect(slides.body.slides).toEqual([expect.objectContaining({ title: TITLE, priority: 'emergency' })]);

    const audit = await api.db.query(
      `SELECT entity_type, action, actor_id, comment, data FROM audit_event WHERE entity_id IN ($1, $2, $3) ORDER BY id`,
      [res.body.messageId, res.body.id, broadcast.id],
    );
    expect(audit.map((a: { entity_type: string; action: string }) => `${a.entity_type}:${a.action}`)).toEqual([
      'message:create',
      'message:approve',
      'broadcast:schedule',
      'emergency:send',
    ]);
    expect(audit.every((a: { actor_id: string }) => a.actor_id === supervisor.id)).toBe(true);
    expect(audit[1].data).toEqual(expect.objectContaining({ emergency: true, authorisation: 'self', to: 'approved' }));
    expect(audit[1].comment).toBe('Tự phê duyệt để phát khẩn cấp');
    const [message] = await api.db.query(`SELECT status, approved_by FROM message WHERE id = $1`, [res.body.messageId]);
    expect(message).toEqual({ status: 'approved', approved_by: supervisor.id });
  });

  it('queues the emergency speech ahead of routine audio work', async () => {
    const queue = api.app.get(JobQueue).queue(QUEUES.loudspeakerAudio);
    await queue.pause();
    try {
      const routine = await createApprovedMessage(api.db, {
        unit: commune,
        author: supervisor,
        approver: bed.supervisor,
        renditions: { loudspeaker: 'Bản tin thường lệ về thủ tục hành chính một cửa.' },
      });
      const first = await api.http
        .post('/api/v1/broadcasts/preview')
        .set('authorization', auth)
        .send({ messageId: routine, channels: ['loudspeaker'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
      expect(first.body.details).toEqual([expect.objectContaining({ rule: 'audio-ready' })]);
      const urgent = await api.http.post('/api/v1/emergencies/preview').set('authorization', auth).send({ title: 'Cháy rừng', text: 'Cháy rừng tại tiểu khu 12, người dân tránh xa khu vực.' });
      expect(urgent.status).toBe(200);
      const jobs = await queue.getJobs(['prioritized', 'wait']);
      const texts: { id: string; text: string }[] = await api.db.query(`SELECT id::text, text FROM loudspeaker_audio WHERE id = ANY($1::uuid[])`, [
        jobs.map((j) => j.data.audioId),
      ]);
      const priorityOf = (prefix: string) => jobs.find((j) => texts.find((t) => t.id === j.data.audioId)?.text.startsWith(prefix))?.opts.priority;
      expect(priorityOf('Bản tin thường lệ')).toBe(10);
      expect(priorityOf('Thông báo khẩn cấp. Cháy rừng.')).toBe(1);
    } finally {
      await queue.resume();
    }
  });

  it('refuses an officer (403), a wrong password and bad input (400 naming the field), writing nothing', async () => {
    const before = await writtenCounts(api.db);
    const officer = await send({ title: TITLE, text: TEXT, password: 'mat-khau-thu-nghiem' }, officerAuth);
    expect(officer.status).toBe(403);
    const wrong = await send({ title: TITLE, text: TEXT, password: 'sai-mat-khau' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'mismatch' })]);
    const missing = await send({ title: '', text: TEXT, password: supervisor.password });
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'title' })]);
    const tooLong = await send({ title: TITLE, text: 'a'.repeat(2001), password: supervisor.password });
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'text', rule: 'maxLength' })]);
    const channel = await send({ title: TITLE, text: TEXT, channels: ['fax'], password: supervisor.password });
    expect(channel.body.details).toEqual([expect.objectContaining({ field: 'channels' })]);
    const unit = await send({ title: TITLE, text: TEXT, unitIds: [commune.id, outside.id], password: supervisor.password });
    expect(unit.status).toBe(400);
    expect(unit.body.details).toEqual([expect.objectContaining({ field: 'unitIds[1]', rule: 'in-scope' })]);
    const social = await send({ title: TITLE, text: TEXT, channels: ['sms', 'zalo'], password: supervisor.password });
    expect(social.status).toBe(400);
    expect(social.body.details).toEqual([expect.objectContaining({ field: 'channels[1]' })]);
    for (const res of [missing, tooLong, channel]) expect(res.status).toBe(400);
    expect(await writtenCounts(api.db)).toEqual(before);
  });
});
