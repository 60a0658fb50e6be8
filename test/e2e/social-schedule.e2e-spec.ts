import { bearer } from '#test/fixtures.js';
import { silentWav } from '#test/wav.js';
import { waitFor } from '#test/engine-fixtures.js';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import { SocialScheduleService } from '#social/social-schedule.service.js';
import { socialMarker } from '#social/social-text.js';
import { graphError } from '../fakes/fake-graph.server.js';
import { messagePayload, tinyPng } from './messages-test-kit.js';
import { communeWithAccounts, deliveriesOf, scheduleSocial, startSocialWorld, uploadFor, type CommuneAccounts, type SocialWorld } from './social-test-kit.js';

/**
 * Facebook scheduled publishing in the normal flow: an approved message scheduled for later is handed
 * to Facebook ahead as a post Facebook holds until the due time; a change to the message withdraws it
 * before it appears and the next approval hands the new version over; the due time then adds nothing.
 */
describe('social channels: Facebook posts handed over ahead', () => {
  let w: SocialWorld;
  let supervisorAuth: string;

  beforeAll(async () => {
    w = await startSocialWorld();
    supervisorAuth = await bearer(w.api.http, w.supervisor);
  });
  afterAll(() => w?.close());
  afterEach(() => {
    expect(w.graph.problems).toEqual([]);
    expect(w.zalo.problems).toEqual([]);
    w.zalo.reset();
    w.graph.reset();
  });

  /** A due time on a whole second (Facebook takes UNIX seconds) this far ahead. */
  const dueIn = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);
  const postsOf = (c: CommuneAccounts) => w.graph.posts.filter((p) => p.pageId === c.pageId);
  const facebookSent = (broadcastId: string) =>
    waitFor(() => deliveriesOf(w, broadcastId), (d) => d.facebook?.status === 'sent', 15_000, 'facebook delivery sent ahead');
  const occurrenceOf = async (broadcastId: string) =>
    (await w.api.db.query(`SELECT id, status, message_version FROM occurrence WHERE broadcast_id = $1`, [broadcastId]))[0];
  /** The clock reaches the occurrence: its due time is brought to now and it runs, as its job would. */
  const runNow = async (broadcastId: string) => {
    const [o] = await w.api.db.query(`UPDATE occurrence SET due_at = now() WHERE broadcast_id = $1 RETURNING id`, [broadcastId]);
    await w.worker.get(OccurrencePlannerService).run(o[0].id);
  };

  it('schedules an approved message for tomorrow: the page post is handed to Facebook at once, held until the due time', async () => {
    const c = await communeWithAccounts(w, 'Xã Hẹn Giờ');
    const due = dueIn(26 * 3_600_000);
    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['zalo', 'facebook'], due, 'Lịch tiếp công dân ngày mai');

    const d = await facebookSent(broadcastId);
    const [post] = postsOf(c);
    expect(postsOf(c)).toHaveLength(1);
    expect(post).toEqual(expect.objectContaining({ published: false, scheduledPublishTime: due.getTime() / 1000, deleted: false }));
    expect(post.message).toContain('Lịch tiếp công dân ngày mai');
    expect(post.link).toBe(`${w.api.config.publicBaseUrl}/public/messages/${messageId}?m=${socialMarker(d.facebook.id)}`);
    expect(d.facebook.provider_message_id).toBe(post.id);
    // The occurrence itself has not run: Zalo (no platform schedule) waits for the due time.
    expect(d.zalo).toBeUndefined();
    expect((await occurrenceOf(broadcastId)).status).toBe('pending');
    const [saved] = await w.api.db.query(`SELECT state, scheduled_for, message_version FROM social_post WHERE delivery_id = $1`, [d.facebook.id]);
    expect(saved).toEqual({ state: 'scheduled', scheduled_for: due, message_version: 1 });
    // The officer's delivery list says the post waits on Facebook until the due time.
    const listed = await w.api.http.get(`/api/v1/broadcasts/${broadcastId}/deliveries`).set('authorization', w.officerAuth);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ channel: 'facebook', status: 'sent', post: { state: 'scheduled', scheduledFor: due.toISOString(), postId: post.id } }),
    ]);

    // A second review (the minute cron) hands nothing over twice.
    expect(await w.worker.get(SocialScheduleService).run()).toEqual({ withdrawn: 0, withdrawFailed: 0, scheduled: 0 });
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(1);

    // At the due time the occurrence runs: Zalo goes, the page already has its post and gets no second one.
    await runNow(broadcastId);
    const after = await waitFor(() => deliveriesOf(w, broadcastId), (x) => x.zalo?.status === 'sent', 15_000, 'zalo sent at the due time');
    expect(after.facebook).toEqual(expect.objectContaining({ id: d.facebook.id, status: 'sent', attempts: 1 }));
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(1);
    expect(await occurrenceOf(broadcastId)).toEqual(expect.objectContaining({ status: expect.stringMatching(/^(planned|completed)$/), message_version: 1 }));
  });

  it('a message with a photo becomes a photo post: the image uploaded to the page, caption with the link, held until the due time', async () => {
    const c = await communeWithAccounts(w, 'Xã Có Ảnh');
    const photo = tinyPng(6);
    const audio = await uploadFor(w, c.unit, silentWav(1), 'loa.wav');
    const image = await uploadFor(w, c.unit, photo, 'le-ra-mat-mot-cua.png');
    const due = dueIn(4 * 3_600_000);
    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['facebook'], due, 'Ra mắt bộ phận một cửa', [audio, image]);
    const d = await facebookSent(broadcastId);
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(0);
    const [call] = w.graph.callsTo('POST /{page}/photos');
    expect(call.path).toBe(`/v25.0/${c.pageId}/photos`);
    const [post] = postsOf(c);
    expect(post).toEqual(expect.objectContaining({ published: false, scheduledPublishTime: due.getTime() / 1000 }));
    expect(post.photo?.bytes.equals(photo)).toBe(true);
    expect(post.photo).toEqual(expect.objectContaining({ contentType: 'image/png', fileName: 'le-ra-mat-mot-cua.png' }));
    expect(post.message).toContain('Ra mắt bộ phận một cửa');
    expect(post.message).toContain(`${w.api.config.publicBaseUrl}/public/messages/${messageId}?m=${socialMarker(d.facebook.id)}`);
    expect(d.facebook.provider_message_id).toBe(post.id);
  });

  it('at the due time, the Zalo article of a message with a photo has that photo as its cover, served by the public page', async () => {
    const c = await communeWithAccounts(w, 'Xã Ảnh Bìa');
    const photo = tinyPng(8);
    const image = await uploadFor(w, c.unit, photo, 'bia.png');
    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['zalo', 'facebook'], new Date(), 'Bài có ảnh bìa', [image]);
    const d = await waitFor(() => deliveriesOf(w, broadcastId), (x) => x.zalo?.status === 'sent' && x.facebook?.status === 'sent', 15_000, 'both sent');
    const article = w.zalo.articles.find((a) => a.id === d.zalo.provider_message_id);
    const coverPath = `/public/messages/${messageId}/images/${image}`;
    expect(article?.coverUrl).toBe(`${w.api.config.publicBaseUrl}${coverPath}`);
    const served = await w.api.http.get(coverPath).buffer(true);
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body as Buffer, photo)).toBe(0);
    expect(postsOf(c)[0]).toEqual(expect.objectContaining({ published: true }));
    expect(postsOf(c)[0].photo?.bytes.equals(photo)).toBe(true);
  });

  it('an edit withdraws the post from Facebook before its time; the next approval hands the new version over', async () => {
    const c = await communeWithAccounts(w, 'Xã Sửa Tin');
    const due = dueIn(5 * 3_600_000);
    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['facebook'], due, 'Lịch cũ');
    const first = await facebookSent(broadcastId);
    const [old] = postsOf(c);

    const edited = await w.api.http
      .put(`/api/v1/messages/${messageId}`)
      .set('authorization', w.officerAuth)
      .send(messagePayload({ baseVersion: 1, title: 'Lịch mới đã sửa', renditions: { social: 'Lịch tiếp công dân đổi sang thứ Sáu.' } }));
    expect(edited.status).toBe(200);
    await waitFor(async () => old.deleted, (x) => x, 15_000, 'old post deleted on Facebook');
    await waitFor(() => deliveriesOf(w, broadcastId), (x) => x.facebook === undefined, 15_000, 'early delivery undone');
    expect(w.graph.callsTo('DELETE /{object}').map((r) => r.path)).toEqual([`/v25.0/${old.id}`]);
    const [gone] = await w.api.db.query(`SELECT state, message_version FROM social_post WHERE delivery_id = $1`, [first.facebook.id]);
    expect(gone).toEqual({ state: 'deleted', message_version: 1 });
    const audit = await w.api.db.query(
      `SELECT actor_id, comment, data FROM audit_event WHERE entity_type = 'broadcast' AND entity_id = $1 AND action = 'withdraw-scheduled-post'`,
      [broadcastId],
    );
    expect(audit).toEqual([{ actor_id: null, comment: 'tin bài có phiên bản mới đang chờ duyệt', data: expect.objectContaining({ postId: old.id }) }]);
    // While the new version waits for review, nothing is handed over.
    expect((await w.worker.get(SocialScheduleService).run()).scheduled).toBe(0);

    expect((await w.api.http.post(`/api/v1/messages/${messageId}/submit`).set('authorization', w.officerAuth).send({ version: 2 })).status).toBe(200);
    expect((await w.api.http.post(`/api/v1/messages/${messageId}/approve`).set('authorization', supervisorAuth).send({ version: 2 })).status).toBe(200);
    const second = await facebookSent(broadcastId);
    expect(second.facebook.id).not.toBe(first.facebook.id);
    const live = postsOf(c).filter((p) => !p.deleted);
    expect(live).toHaveLength(1);
    expect(live[0]).toEqual(expect.objectContaining({ published: false, scheduledPublishTime: due.getTime() / 1000 }));
    expect(live[0].message).toContain('Lịch tiếp công dân đổi sang thứ Sáu.');
    expect(live[0].message).not.toContain('Lịch cũ');
    const [saved] = await w.api.db.query(`SELECT message_version FROM social_post WHERE delivery_id = $1`, [second.facebook.id]);
    expect(saved.message_version).toBe(2);
  });

  it('a refused delete is noted on the delivery and tried again; a post a page admin already deleted by hand counts as withdrawn', async () => {
    const throttled = await communeWithAccounts(w, 'Xã Gỡ Chậm');
    const slow = await scheduleSocial(w, throttled.unit, ['facebook'], dueIn(3 * 3_600_000));
    await facebookSent(slow.broadcastId);
    const byHand = await communeWithAccounts(w, 'Xã Gỡ Tay');
    const manual = await scheduleSocial(w, byHand.unit, ['facebook'], dueIn(3 * 3_600_000 + 60_000));
    const m = await facebookSent(manual.broadcastId);
    postsOf(byHand)[0].deleted = true; // removed by a page admin in Meta Business Suite

    // Both messages leave 'approved' behind the API's back (as if the edits' own review jobs were lost): the minute pass finds them.
    await w.api.db.query(`UPDATE message SET status = 'draft' WHERE id = ANY($1)`, [[slow.messageId, manual.messageId]]);
    // Reviewed in due order: Graph rate-limits the first delete; the second finds nothing to delete (Graph code 100/33).
    w.graph.script('DELETE /{object}', { kind: 'error', status: 400, body: graphError(32, 'Page request limit reached') });
    expect(await w.worker.get(SocialScheduleService).run()).toEqual({ withdrawn: 1, withdrawFailed: 1, scheduled: 0 });
    expect(w.graph.callsTo('DELETE /{object}').map((r) => r.path)).toEqual([`/v25.0/${postsOf(throttled)[0].id}`, `/v25.0/${postsOf(byHand)[0].id}`]);
    // Gone by hand: the page was read for the delivery's marker before the delivery was undone.
    expect(w.graph.callsTo('GET /{page}/scheduled_posts').some((r) => r.path === `/v25.0/${byHand.pageId}/scheduled_posts`)).toBe(true);
    expect(await deliveriesOf(w, manual.broadcastId)).toEqual({});
    const [manualPost] = await w.api.db.query(`SELECT state FROM social_post WHERE delivery_id = $1`, [m.facebook.id]);
    expect(manualPost.state).toBe('deleted');

    const waiting = await deliveriesOf(w, slow.broadcastId);
    expect(waiting.facebook.status).toBe('sent');
    expect(waiting.facebook.last_error).toMatch(/^chưa gỡ được bài đã hẹn giờ trên Facebook \(tin bài có phiên bản mới đang chờ duyệt\): .*sẽ thử lại$/);
    expect(postsOf(throttled)[0].deleted).toBe(false);
    expect(await w.worker.get(SocialScheduleService).run()).toEqual({ withdrawn: 1, withdrawFailed: 0, scheduled: 0 });
    expect(postsOf(throttled)[0].deleted).toBe(true);
    expect(await deliveriesOf(w, slow.broadcastId)).toEqual({});
  });

  it('hands nothing over too close to the due time or beyond FACEBOOK_SCHEDULE_AHEAD_DAYS; those go at the due time', async () => {
    const c = await communeWithAccounts(w, 'Xã Sát Giờ');
    const soon = await scheduleSocial(w, c.unit, ['facebook'], dueIn(8 * 60_000));
    const far = await scheduleSocial(w, c.unit, ['facebook'], dueIn(9 * 86_400_000));
    expect((await w.worker.get(SocialScheduleService).run()).scheduled).toBe(0);
    expect(await deliveriesOf(w, soon.broadcastId)).toEqual({});
    expect(await deliveriesOf(w, far.broadcastId)).toEqual({});
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(0);

    // The near one at its due time: an ordinary immediate post.
    await runNow(soon.broadcastId);
    const d = await facebookSent(soon.broadcastId);
    expect(postsOf(c)).toEqual([expect.objectContaining({ id: d.facebook.provider_message_id, published: true, scheduledPublishTime: null })]);
  });
});
