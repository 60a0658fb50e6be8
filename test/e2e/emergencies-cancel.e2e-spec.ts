import { waitFor } from '#test/engine-fixtures.js';
import { createUser, bearer } from '#test/fixtures.js';
import { boardSlides, openStationStream, pullPlaylist, smsTo, startChangesWorld, type ChangesWorld } from './emergency-changes-test-kit.js';

const TITLE = 'Cảnh báo lũ quét';
const TEXT = 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối. Người dân di chuyển ngay lên nhà văn hóa xã.';

describe('emergencies: cancel reaches every channel', () => {
  let w: ChangesWorld;

  beforeAll(async () => {
    w = await startChangesWorld('Hủy Khẩn', 7300);
  });
  afterAll(() => w?.close());

  const send = (body: object) => w.api.http.post('/api/v1/emergencies').set('authorization', w.auth).send({ password: w.supervisor.password, ...body });
  const cancel = (id: string, body: object, auth = w.auth) => w.api.http.post(`/api/v1/emergencies/${id}/cancel`).set('authorization', auth).send(body);

  it('stops a playing station, empties its next pull, takes the overlay and the posts down, and tells only those who got the SMS, once', async () => {
    const stream = await openStationStream(w.api, w.station.token);
    try {
      const since = w.sms.messages.length;
      const sent = await send({ title: TITLE, text: TEXT });
      expect(sent.status).toBe(201);
      expect(sent.body.channels).toEqual(expect.arrayContaining(['sms', 'loudspeaker', 'board', 'zalo', 'facebook']));
      const id = sent.body.id;
      const broadcastId = sent.body.broadcastId;

      // It went out everywhere, inside quiet hours and past the daily cap of 1.
      await waitFor(async () => stream.events('emergency').length, (n) => n >= 1, 30_000, 'emergency event on the stream');
      const [item] = await pullPlaylist(w.api, w.station.token);
      expect(item).toEqual(expect.objectContaining({ priority: 'emergency', title: TITLE }));
      expect(await boardSlides(w.api, w.board.token)).toEqual([expect.objectContaining({ title: TITLE, priority: 'emergency' })]);
      await waitFor(async () => smsTo(w, since).length, (n) => n === 2, 20_000, 'first SMS to the two reachable phones');
      await waitFor(
        async () => w.api.db.query(`SELECT status FROM delivery WHERE broadcast_id = $1 AND endpoint = $2`, [broadcastId, w.refused]),
        (rows: { status: string }[]) => rows[0]?.status === 'failed',
        20_000,
        'the refused number failed',
      );
      await waitFor(async () => w.graph.posts.filter((p) => !p.deleted && p.message.includes(TITLE)).length, (n) => n === 1, 20_000, 'facebook post');
      await waitFor(async () => w.zalo.articles.filter((a) => !a.removed && a.title.includes(TITLE)).length, (n) => n === 1, 20_000, 'zalo article');

      const wrong = await cancel(id, { password: 'sai-mat-khau' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'mismatch' })]);
      const officer = await cancel(id, { password: w.officer.password }, w.officerAuth);
      expect(officer.status).toBe(403);

      // At the moment of the cancel one phone's SMS is still on the wire and the other's had no answer:
      // both may hold the warning, so both are told it is withdrawn (docs/emergencies.md, "SMS follow-up").
      const [onTheWire, noAnswer] = [...w.phones].sort();
      await w.api.db.query(`UPDATE delivery SET status = 'sending' WHERE broadcast_id = $1 AND endpoint = $2`, [broadcastId, onTheWire]);
      await w.api.db.query(`UPDATE delivery SET status = 'unknown' WHERE broadcast_id = $1 AND endpoint = $2`, [broadcastId, noAnswer]);
      const afterFirst = w.sms.messages.length;
      const res = await cancel(id, { password: w.supervisor.password, reason: 'Mưa đã ngớt' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ id, status: 'cancelled' }));
      expect(res.body.broadcast.status).toBe('cancelled');
      expect(res.body.changes).toEqual([expect.objectContaining({ kind: 'cancel', reason: 'Mưa đã ngớt', createdBy: w.supervisor.id, messageVersion: 1 })]);

      const [stop] = await waitFor(async () => stream.events('stop'), (e) => e.length === 1, 5_000, 'stop event');
      expect(stop).toEqual(expect.objectContaining({ kind: 'stop', stationIds: [w.station.id], items: [{ stationId: w.station.id, itemId: item.itemId }] }));
      expect(await pullPlaylist(w.api, w.station.token)).toEqual([]);
      expect(await boardSlides(w.api, w.board.token)).toEqual([]);

      const followUps = await waitFor(async () => smsTo(w, afterFirst), (m) => m.length >= 2, 20_000, 'follow-up SMS');
      expect(followUps.map((m) => m.to).sort()).toEqual([...w.phones].sort());
      expect(followUps.every((m) => m.body === `Hủy bỏ thông báo: ${TITLE}`)).toBe(true);
      await waitFor(async () => w.graph.posts.filter((p) => p.message.includes(TITLE) && !p.deleted).length, (n) => n === 0, 20_000, 'facebook post deleted');
      await waitFor(async () => w.zalo.articles.filter((a) => a.title.includes(TITLE) && !a.removed).length, (n) => n === 0, 20_000, 'zalo article removed');

      const again = await cancel(id, { password: w.supervisor.password });
      expect(again.status).toBe(409);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(smsTo(w, afterFirst)).toHaveLength(2);
      expect(stream.events('stop')).toHaveLength(1);
      expect(smsTo(w, since).some((m) => m.to === w.refused)).toBe(false);

      const audit = await w.api.db.query(`SELECT action, actor_id, comment, data FROM audit_event WHERE entity_type = 'emergency' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['send', 'cancel']);
      expect(audit[1]).toEqual(expect.objectContaining({ actor_id: w.supervisor.id, comment: 'Mưa đã ngớt' }));
      expect(audit[1].data).toEqual(expect.objectContaining({ from: 'sent', broadcastId, followUpRecipients: 2 }));
    } finally {
      stream.close();
    }
  });

  it('withdraws an emergency still waiting for a second supervisor: nothing is sent, and it can no longer be confirmed', async () => {
    const provinceSupervisor = await createUser(w.api.db, { role: 'supervisor', unit: w.province });
    const provinceAuth = await bearer(w.api.http, provinceSupervisor);
    expect((await w.api.http.put('/api/v1/emergencies/policy').set('authorization', provinceAuth).send({ requireSecondSupervisor: true })).status).toBe(200);
    try {
      const since = w.sms.messages.length;
      const sent = await send({ title: 'Sạt lở đất', text: 'Nguy cơ sạt lở tại thôn Khuổi Luông, sơ tán ngay.' });
      expect(sent.body.status).toBe('awaiting-second-supervisor');
      const res = await cancel(sent.body.id, { password: w.supervisor.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'cancelled', broadcast: null, changes: [expect.objectContaining({ kind: 'cancel', followUpBroadcastId: null })] }));
      const confirm = await w.api.http.post(`/api/v1/emergencies/${sent.body.id}/confirm`).set('authorization', provinceAuth).send({ password: provinceSupervisor.password });
      expect(confirm.status).toBe(409);
      const [{ n }] = await w.api.db.query(`SELECT count(*)::int AS n FROM broadcast WHERE message_id = $1`, [sent.body.messageId]);
      expect(n).toBe(0);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(smsTo(w, since)).toEqual([]);
    } finally {
      await w.api.http.put('/api/v1/emergencies/policy').set('authorization', provinceAuth).send({ requireSecondSupervisor: false });
    }
  });
});
