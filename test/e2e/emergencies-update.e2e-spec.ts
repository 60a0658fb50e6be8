import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { issuedAtText } from '#services/emergencies/emergency-repeat.js';
import { QUEUES, JobQueue } from '#queue/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import { bearer, createUser } from '#test/fixtures.js';
import { TZ } from './emergencies-test-kit.js';
import { boardSlides, livePosts, openStationStream, pullPlaylist, smsTo, startChangesWorld, supervisorRequests, type ChangesWorld } from './emergency-changes-test-kit.js';

const TITLE = 'Cảnh báo lũ quét';
const TEXT = 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối.';
const NEW_TITLE = 'Lũ quét: sơ tán ngay';
const NEW_TEXT = 'Nước suối dâng nhanh, người dân thôn Bản Mới sơ tán ngay lên trường tiểu học.';

describe('emergencies: update and repeat', () => {
  let w: ChangesWorld;

  beforeAll(async () => {
    w = await startChangesWorld('Cập Nhật Khẩn', 7400);
  });
  afterAll(() => w?.close());

  const send = (body: object) => supervisorRequests(w).send(body);
  const update = (id: string, body: object) => supervisorRequests(w).update(id, body);
  const cancel = (id: string) => supervisorRequests(w).cancel(id);
  const live = (title: string) => livePosts(w, title);

  it('replaces the content on the station, the board and the posts, and sends the follow-up only to those who had the SMS', async () => {
    const stream = await openStationStream(w.api, w.station.token);
    try {
      const sent = await send({ title: TITLE, text: TEXT });
      expect(sent.status).toBe(201);
      await waitFor(async () => smsTo(w, 0).length, (n) => n === 2, 20_000, 'first SMS');
      // The SMS do not wait for the speech: the station's item comes once it is rendered.
      const [before] = await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items.length === 1, 30_000, 'the station\'s item');
      await waitFor(async () => live(TITLE), (l) => l.graph.length === 1 && l.zalo.length === 1, 20_000, 'posts');
      const post = live(TITLE).graph[0];
      const article = live(TITLE).zalo[0];

      const bad = await update(sent.body.id, { title: '', body: NEW_TEXT });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'title' })]);

      const afterFirst = w.sms.messages.length;
      const res = await update(sent.body.id, { title: NEW_TITLE, body: NEW_TEXT });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'sent', title: NEW_TITLE, messageVersion: 2 }));
      expect(res.body.changes).toEqual([expect.objectContaining({ kind: 'update', messageVersion: 2, createdBy: w.supervisor.id })]);
      const listed = await w.api.http.get(`/api/v1/emergencies/${sent.body.id}/changes`).set('authorization', w.officerAuth);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(res.body.changes);

      // The new speech renders ahead of other audio work; the items not yet played take it once it is ready.
      const [after] = await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items[0]?.title === NEW_TITLE, 30_000, 'item with the new speech');
      expect(after).toEqual(expect.objectContaining({ itemId: before.itemId, title: NEW_TITLE, priority: 'emergency' }));
      expect(after.audio.id).not.toBe(before.audio.id);
      await waitFor(async () => stream.events('emergency').length, (n) => n >= 2, 5_000, 'second emergency event');
      expect(await boardSlides(w.api, w.board.token)).toEqual([expect.objectContaining({ title: NEW_TITLE, body: NEW_TEXT, priority: 'emergency' })]);

      // Facebook edits the post in place; Zalo cannot, so the article is replaced.
      await waitFor(async () => live(NEW_TITLE), (l) => l.graph.length === 1 && l.zalo.length === 1, 20_000, 'posts replaced');
      expect(live(NEW_TITLE).graph[0].id).toBe(post.id);
      expect(live(NEW_TITLE).graph[0].message).toContain(NEW_TEXT);
      expect(w.zalo.articles.find((a) => a.id === article.id)?.removed).toBe(true);

      const followUps = await waitFor(async () => smsTo(w, afterFirst), (m) => m.length >= 2, 20_000, 'follow-up SMS');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(smsTo(w, afterFirst).map((m) => m.to).sort()).toEqual([...w.phones].sort());
      expect(followUps.every((m) => m.body.startsWith(`Cập nhật thông báo: ${NEW_TITLE}: Nước suối`))).toBe(true);

      expect((await cancel(sent.body.id)).status).toBe(200);
      const late = await update(sent.body.id, { title: NEW_TITLE, body: NEW_TEXT });
      expect(late.status).toBe(409);
    } finally {
      stream.close();
    }
  });

  it('gives SMS not yet handed over the new text, and no follow-up to anyone', async () => {
    const queue = w.api.app.get(JobQueue).queue(QUEUES.smsUrgent);
    await queue.pause();
    const since = w.sms.messages.length;
    let id: string;
    try {
      const sent = await send({ title: 'Cháy rừng', text: 'Cháy rừng tại tiểu khu 12.', channels: ['sms'] });
      id = sent.body.id;
      await waitFor(
        async () => w.api.db.query(`SELECT count(*)::int AS n FROM delivery WHERE broadcast_id = $1 AND status = 'planned'`, [sent.body.broadcastId]),
        (rows: { n: number }[]) => rows[0].n === 3,
        20_000,
        'SMS planned, not sent',
      );
      const res = await update(id, { title: 'Cháy rừng lan rộng', body: 'Cháy lan sang tiểu khu 13, tránh xa khu vực.' });
      expect(res.status).toBe(200);
      expect(res.body.changes[0].followUpBroadcastId).toBeNull();
    } finally {
      await queue.resume();
    }
    const got = await waitFor(async () => smsTo(w, since), (m) => m.length >= 2, 20_000, 'SMS with the new text');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smsTo(w, since)).toHaveLength(2);
    expect(got.every((m) => m.body === 'KHẨN CẤP - Cháy rừng lan rộng: Cháy lan sang tiểu khu 13, tránh xa khu vực.')).toBe(true);
  });

  it('repeats every two hours until the end, restating the first issue in every rendition; an update keeps it; cancel stops what is to come', async () => {
    const tooOften = await send({ title: TITLE, text: TEXT, repeat: { everyMinutes: 90 } });
    expect(tooOften.status).toBe(400);
    expect(tooOften.body.details).toEqual([expect.objectContaining({ field: 'repeat.everyMinutes', rule: 'range' })]);
    const tooLong = await send({ title: TITLE, text: TEXT, repeat: { everyMinutes: 120, until: new Date(Date.now() + 8 * 86_400_000).toISOString() } });
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'repeat.until', rule: 'max' })]);

    const since = w.sms.messages.length;
    const until = new Date(Date.now() + 7 * 3_600_000);
    const sent = await send({ title: 'Bão số 3', text: 'Bão số 3 đổ bộ trong đêm nay, người dân chằng chống nhà cửa.', repeat: { everyMinutes: 120, until: until.toISOString() } });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual(expect.objectContaining({ repeatEveryMinutes: 120, repeatUntil: until.toISOString() }));
    expect(sent.body.broadcast.schedule).toEqual(expect.objectContaining({ kind: 'recurring', rrule: 'FREQ=HOURLY;INTERVAL=2', until: until.toISOString() }));
    const occurrences: { id: string; due_at: Date; status: string }[] = await w.api.db.query(
      `SELECT id, due_at, status FROM occurrence WHERE broadcast_id = $1 ORDER BY due_at`,
      [sent.body.broadcastId],
    );
    expect(occurrences).toHaveLength(4);
    expect(occurrences.map((o) => Math.round((o.due_at.getTime() - occurrences[0].due_at.getTime()) / 60_000))).toEqual([0, 120, 240, 360]);

    const stamp = `Tin phát lần đầu lúc ${issuedAtText(new Date(sent.body.createdAt), TZ)}`;
    const first = await waitFor(async () => smsTo(w, since), (m) => m.length === 2, 20_000, 'first SMS');
    expect(first[0].body).toBe(`KHẨN CẤP (${stamp}) - Bão số 3: Bão số 3 đổ bộ trong đêm nay, người dân chằng chống nhà cửa.`);
    const slide = (await boardSlides(w.api, w.board.token)).find((s) => s.title === 'Bão số 3');
    expect(slide?.body.endsWith(`${stamp}.`)).toBe(true);
    const [v1] = await w.api.db.query(`SELECT renditions FROM message_version WHERE message_id = $1 AND version_no = 1`, [sent.body.messageId]);
    expect(v1.renditions.loudspeaker).toMatch(/Tin phát lần đầu lúc \d+ giờ \d+ phút ngày \d+ tháng \d+ năm \d{4}\.$/);
    expect(v1.renditions.social.endsWith(`${stamp}.`)).toBe(true);

    // An update two hours on: repetitions still to come carry it, still restating the first issue.
    const updated = await update(sent.body.id, { title: 'Bão số 3 (cập nhật)', body: 'Bão số 3 suy yếu, vẫn mưa rất to.' });
    expect(updated.status).toBe(200);
    const [v2] = await w.api.db.query(`SELECT renditions FROM message_version WHERE message_id = $1 AND version_no = 2`, [sent.body.messageId]);
    expect(v2.renditions.sms).toBe(`KHẨN CẤP (${stamp}) - Bão số 3 (cập nhật): Bão số 3 suy yếu, vẫn mưa rất to.`);

    await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items.some((i) => i.title === 'Bão số 3 (cập nhật)'), 30_000, 'updated speech on the station');

    // The second repetition falls due now, inside quiet hours and past the daily cap: it goes, with the new text.
    const beforeRepeat = w.sms.messages.length;
    await w.api.db.query(`UPDATE occurrence SET due_at = now() WHERE id = $1`, [occurrences[1].id]);
    expect((await w.api.app.get(OccurrencePlannerService).run(occurrences[1].id)).kind).toBe('planned');
    const repeated = await waitFor(async () => smsTo(w, beforeRepeat).filter((m) => m.body.startsWith('KHẨN CẤP (')), (m) => m.length === 2, 20_000, 'repetition SMS');
    expect(repeated.map((m) => m.body)).toEqual([v2.renditions.sms, v2.renditions.sms]);

    const res = await cancel(sent.body.id);
    expect(res.status).toBe(200);
    const rest: { status: string }[] = await w.api.db.query(`SELECT status FROM occurrence WHERE id = ANY($1::uuid[])`, [occurrences.slice(2).map((o) => o.id)]);
    expect(rest.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('restates, for a repeating emergency that waited for a second supervisor, the time it was confirmed', async () => {
    const second = await createUser(w.api.db, { role: 'supervisor', unit: w.province });
    const secondAuth = await bearer(w.api.http, second);
    expect((await w.api.http.put('/api/v1/emergencies/policy').set('authorization', secondAuth).send({ requireSecondSupervisor: true })).status).toBe(200);
    try {
      const sent = await send({ title: 'Triều cường', text: 'Triều cường dâng cao chiều nay.', channels: ['sms'], repeat: { everyMinutes: 180 } });
      expect(sent.body).toEqual(expect.objectContaining({ status: 'awaiting-second-supervisor', repeatEveryMinutes: 180 }));
      const [waiting] = await w.api.db.query(`SELECT renditions FROM message_version WHERE message_id = $1 AND version_no = 1`, [sent.body.messageId]);
      expect(waiting.renditions.sms).toBe('KHẨN CẤP - Triều cường: Triều cường dâng cao chiều nay.');
      const confirmed = await w.api.http.post(`/api/v1/emergencies/${sent.body.id}/confirm`).set('authorization', secondAuth).send({ password: second.password });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual(expect.objectContaining({ status: 'sent', messageVersion: 2 }));
      expect(confirmed.body.broadcast).toEqual(expect.objectContaining({ messageVersion: 2, schedule: expect.objectContaining({ kind: 'recurring', rrule: 'FREQ=HOURLY;INTERVAL=3' }) }));
      const stamp = `Tin phát lần đầu lúc ${issuedAtText(new Date(confirmed.body.confirmedAt), TZ)}`;
      const [v2] = await w.api.db.query(`SELECT renditions FROM message_version WHERE message_id = $1 AND version_no = 2`, [sent.body.messageId]);
      expect(v2.renditions.sms).toBe(`KHẨN CẤP (${stamp}) - Triều cường: Triều cường dâng cao chiều nay.`);
      expect((await cancel(sent.body.id)).status).toBe(200);
    } finally {
      await w.api.http.put('/api/v1/emergencies/policy').set('authorization', secondAuth).send({ requireSecondSupervisor: false });
    }
  });
});
