import { waitFor } from '#test/engine-fixtures.js';
import { attemptsOf, communeWithAccounts, deliveriesOf, scheduleSocial, startSocialWorld, type SocialWorld } from './social-test-kit.js';

/**
 * No blind re-publish: a publish whose answer never came is 'unknown', the platform is read for the
 * delivery's marker, and only a post that is really missing is published again. Cancelling deletes
 * posts still waiting on Facebook's schedule.
 */
describe('social channels: unknown outcomes and cancellation', () => {
  let w: SocialWorld;

  beforeAll(async () => {
    w = await startSocialWorld();
  });
  afterAll(() => w?.close());
  afterEach(() => {
    expect(w.zalo.problems).toEqual([]);
    expect(w.graph.problems).toEqual([]);
    w.zalo.reset();
    w.graph.reset();
  });

  const status = (broadcastId: string, channel: string, wanted: string) =>
    waitFor(() => deliveriesOf(w, broadcastId), (d) => d[channel]?.status === wanted, 15_000, `${channel} delivery ${wanted}`);

  it('Facebook: the post was created but the answer timed out → unknown, verified on the page, never posted twice', async () => {
    const c = await communeWithAccounts(w, 'Xã Mất Trả Lời');
    w.graph.script('POST /{page}/feed', { kind: 'apply-then-hang' });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['facebook']);
    await status(broadcastId, 'facebook', 'unknown');
    const d = await status(broadcastId, 'facebook', 'sent');
    const posts = w.graph.posts.filter((p) => p.pageId === c.pageId);
    expect(posts).toHaveLength(1);
    expect(d.facebook.provider_message_id).toBe(posts[0].id);
    expect(d.facebook.attempts).toBe(1);
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(1);
    // One verification: the page's scheduled posts (not there), then its feed (found).
    expect(w.graph.callsTo('GET /{page}/scheduled_posts').map((r) => r.path)).toEqual([`/v25.0/${c.pageId}/scheduled_posts`]);
    expect(w.graph.callsTo('GET /{page}/feed').map((r) => r.path)).toEqual([`/v25.0/${c.pageId}/feed`]);
    expect((await attemptsOf(w, d.facebook.id)).map((a) => a.outcome)).toEqual(['unknown', 'sent']);
  });

  it('Zalo: the article was created but the answer timed out → unknown, found by its tracking link, not created again', async () => {
    const c = await communeWithAccounts(w, 'Xã Mất Trả Lời Zalo');
    w.zalo.script('POST /v2.0/article/create', { kind: 'apply-then-hang' });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['zalo'], new Date(), 'Bài viết bị mất trả lời');
    await status(broadcastId, 'zalo', 'unknown');
    const d = await status(broadcastId, 'zalo', 'sent');
    const articles = w.zalo.articles.filter((a) => a.title === 'Bài viết bị mất trả lời');
    expect(articles).toHaveLength(1);
    expect(d.zalo.provider_message_id).toBe(articles[0].id);
    expect(w.zalo.callsTo('POST /v2.0/article/create')).toHaveLength(1);
    // Verification read the OA's articles until the one carrying the marker: the last detail read is that article.
    expect(w.zalo.callsTo('GET /v2.0/article/getslice')).toHaveLength(1);
    expect(w.zalo.callsTo('GET /v2.0/article/getdetail').at(-1)?.query.id).toBe(articles[0].id);
  });

  it('Zalo: the article was accepted but confirming it failed (503) → unknown and verified, not created twice', async () => {
    const c = await communeWithAccounts(w, 'Xã Không Xác Nhận');
    w.zalo.script('POST /v2.0/article/verify', { kind: 'error', status: 503, body: { error: -1, message: 'Service unavailable' } });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['zalo'], new Date(), 'Bài chưa xác nhận được');
    const d = await status(broadcastId, 'zalo', 'sent');
    expect(w.zalo.articles.filter((a) => a.title === 'Bài chưa xác nhận được')).toHaveLength(1);
    expect((await attemptsOf(w, d.zalo.id)).map((a) => [a.outcome, a.provider_code])).toEqual([
      ['unknown', '-1'],
      ['sent', null],
    ]);
  });

  it('Facebook: the request left and nothing was created → unknown, verified absent, then published exactly once', async () => {
    const c = await communeWithAccounts(w, 'Xã Không Có Bài');
    w.graph.script('POST /{page}/feed', { kind: 'hang' });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['facebook']);
    await status(broadcastId, 'facebook', 'unknown');
    const d = await status(broadcastId, 'facebook', 'sent');
    expect(w.graph.posts.filter((p) => p.pageId === c.pageId)).toHaveLength(1);
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(2);
    expect((await attemptsOf(w, d.facebook.id)).map((a) => a.outcome)).toEqual(['unknown', 'retryable', 'sent']);
  });

  it('a future occurrence is handed to Facebook as a scheduled post, and cancelling deletes it there', async () => {
    const c = await communeWithAccounts(w, 'Xã Hủy Lịch');
    const due = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 1000) * 1000);
    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['zalo', 'facebook'], due);
    // No planner call here: scheduling the broadcast hands the page post over ahead by itself.
    const d = await status(broadcastId, 'facebook', 'sent');
    const post = w.graph.posts.find((p) => p.pageId === c.pageId);
    expect(post).toEqual(expect.objectContaining({ published: false, scheduledPublishTime: due.getTime() / 1000, deleted: false }));
    expect(d.zalo).toBeUndefined();
    const [saved] = await w.api.db.query(`SELECT state, post_id, scheduled_for FROM social_post WHERE delivery_id = $1`, [d.facebook.id]);
    expect(saved).toEqual({ state: 'scheduled', post_id: post?.id, scheduled_for: due });

    const cancel = await w.api.http.post(`/api/v1/broadcasts/${broadcastId}/cancel`).set('authorization', w.officerAuth);
    expect(cancel.status).toBe(200);
    const after = await status(broadcastId, 'facebook', 'cancelled');
    expect(after.zalo).toBeUndefined();
    expect(after.facebook.failure_reason).toBe('scheduled-post-deleted');
    const [occurrence] = await w.api.db.query(`SELECT status FROM occurrence WHERE broadcast_id = $1`, [broadcastId]);
    expect(occurrence.status).toBe('cancelled');
    expect(post?.deleted).toBe(true);
    expect(w.graph.callsTo('DELETE /{object}').map((r) => r.path)).toEqual([`/v25.0/${post?.id}`]);
    // Zalo has no platform schedule: it waited for the due time, and the occurrence was cancelled before any article.
    expect(w.zalo.articles.filter((a) => a.trackingLink.includes(`/public/messages/${messageId}?`))).toHaveLength(0);
    expect(w.zalo.callsTo('POST /v2.0/article/create')).toHaveLength(0);
    const [gone] = await w.api.db.query(`SELECT state FROM social_post WHERE delivery_id = $1`, [d.facebook.id]);
    expect(gone.state).toBe('deleted');
  });
});
