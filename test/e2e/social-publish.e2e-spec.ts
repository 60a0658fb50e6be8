import { SecretBox } from '#domain/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import { ReconcilerService } from '#engine/dispatch/reconciler.service.js';
import { socialMarker } from '#social/social-text.js';
import { SocialUpkeepService } from '#social/social-upkeep.service.js';
import { graphError } from '../fakes/fake-graph.server.js';
import { communeWithAccounts, deliveriesOf, ROTATED_OUT_KEY, scheduleSocial, startSocialWorld, type DeliveryRow, type SocialWorld } from './social-test-kit.js';

/** Zalo OA and Facebook Page as engine channels, against local fakes that check the real request shapes. */
describe('social channels: publishing and token upkeep', () => {
  let w: SocialWorld;
  let box: SecretBox;

  beforeAll(async () => {
    w = await startSocialWorld();
    box = SecretBox.fromText(w.api.config.secrets.key, w.api.config.secrets.oldKeys);
  });
  afterAll(() => w?.close());
  afterEach(() => {
    expect(w.zalo.problems).toEqual([]);
    expect(w.graph.problems).toEqual([]);
    w.zalo.reset();
    w.graph.reset();
  });

  const settled = (broadcastId: string, channels: number) =>
    waitFor(
      () => deliveriesOf(w, broadcastId),
      (d) => Object.values(d).length === channels && Object.values(d).every((r: DeliveryRow) => !['planned', 'sending'].includes(r.status)),
      15_000,
      'social deliveries settled',
    );

  it('publishes a Zalo article (create, verify, broadcast to followers) and a Facebook page post', async () => {
    const c = await communeWithAccounts(w, 'Xã Đăng Bài');
    const preview = await w.api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', w.officerAuth)
      .send({ messageId: (await scheduleSocial(w, c.unit, ['zalo'])).messageId, channels: ['zalo', 'facebook'], targets: { unitIds: [c.unit.id] }, schedule: { kind: 'once', at: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(preview.body.recipients).toEqual({ zalo: 1, facebook: 1 });

    const { broadcastId, messageId } = await scheduleSocial(w, c.unit, ['zalo', 'facebook'], new Date(), 'Lịch tiếp công dân tháng 12');
    const d = await settled(broadcastId, 2);
    expect(d.zalo).toEqual(expect.objectContaining({ status: 'sent', endpoint: c.zaloId, attempts: 1 }));
    expect(d.facebook).toEqual(expect.objectContaining({ status: 'sent', endpoint: c.facebookId, attempts: 1 }));

    const link = `${w.api.config.publicBaseUrl}/public/messages/${messageId}`;
    const article = w.zalo.articles.find((a) => a.title === 'Lịch tiếp công dân tháng 12');
    expect(article).toBeDefined();
    expect(d.zalo.provider_message_id).toBe(article?.id);
    expect(article?.trackingLink).toBe(`${link}?m=${socialMarker(d.zalo.id)}`);
    expect(article?.body).toEqual([{ type: 'text', content: 'Lịch tiếp công dân tháng 12\n\nUBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại bộ phận một cửa.' }]);
    expect(w.zalo.broadcasts).toEqual(expect.arrayContaining([expect.objectContaining({ articleId: article?.id })]));
    for (const call of w.zalo.callsTo('POST /v2.0/article/create')) expect(call.headers['access_token']).toBe(c.zaloTokens.accessToken);

    const post = w.graph.posts.find((p) => p.pageId === c.pageId);
    expect(post).toEqual(expect.objectContaining({ published: true, scheduledPublishTime: null, link: `${link}?m=${socialMarker(d.facebook.id)}` }));
    expect(post?.message).toContain('UBND xã tiếp công dân vào sáng thứ Năm');
    expect(d.facebook.provider_message_id).toBe(post?.id);
    const [publishCall] = w.graph.callsTo('POST /{page}/feed');
    expect(publishCall.path).toBe(`/v25.0/${c.pageId}/feed`);
    expect(publishCall.body.access_token).toBe(c.pageToken);
  });

  it('a failed follower broadcast after the article exists keeps the delivery sent (no second article on retry)', async () => {
    const c = await communeWithAccounts(w, 'Xã Không Gửi Được');
    w.zalo.script('POST /v2.0/oa/message', { kind: 'error', body: { error: -32, message: 'Exceeded rate limit' } });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['zalo'], new Date(), 'Bài không gửi được cho người theo dõi');
    const d = await settled(broadcastId, 1);
    expect(d.zalo).toEqual(expect.objectContaining({ status: 'sent', attempts: 1, last_error: 'article published; broadcast to followers failed (-32)' }));
    expect(w.zalo.articles.filter((a) => a.title === 'Bài không gửi được cho người theo dõi')).toHaveLength(1);
  });

  it('refreshes a Zalo token before it expires and stores the rotated refresh token at once', async () => {
    const c = await communeWithAccounts(w, 'Xã Làm Mới', new Date(Date.now() + 3_600_000));
    const upkeep = w.worker.get(SocialUpkeepService);
    expect((await upkeep.run()).refreshed).toEqual({ refreshed: 1 });
    expect(w.zalo.refreshLog).toHaveLength(1);
    const [first] = w.zalo.refreshLog;
    expect(first.used).toBe(c.zaloTokens.refreshToken);
    const [row] = await w.api.db.query(
      `SELECT access_token_enc, refresh_token_enc, access_expires_at, status FROM channel_account WHERE id = $1`,
      [c.zaloId],
    );
    expect(box.open(row.refresh_token_enc)).toBe(first.issued);
    expect(w.zalo.isValidAccessToken(box.open(row.access_token_enc))).toBe(true);
    expect(row.access_expires_at.getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    const [refreshCall] = w.zalo.callsTo('POST /v4/oa/access_token');
    expect(refreshCall.headers['secret_key']).toBe(c.zaloApp.appSecret);
    expect(refreshCall.body).toEqual({ refresh_token: c.zaloTokens.refreshToken, app_id: c.zaloApp.appId, grant_type: 'refresh_token' });

    expect((await upkeep.run()).refreshed).toEqual({});
    await w.api.db.query(`UPDATE channel_account SET access_expires_at = now() + interval '1 hour' WHERE id = $1`, [c.zaloId]);
    expect((await upkeep.run()).refreshed).toEqual({ refreshed: 1 });
    // The second refresh presented the token the first one stored: rotation survived.
    expect(w.zalo.refreshLog[1].used).toBe(first.issued);
  });

  it('after a key rotation, secrets sealed with the old key still open and are re-sealed with the current key', async () => {
    const c = await communeWithAccounts(w, 'Xã Đổi Khóa');
    const old = SecretBox.fromText(ROTATED_OUT_KEY);
    await w.api.db.query(`UPDATE channel_account SET access_token_enc = $2, app_secret_enc = $3 WHERE id = $1`, [
      c.zaloId,
      old.seal(c.zaloTokens.accessToken),
      old.seal(c.zaloApp.appSecret),
    ]);
    expect((await w.worker.get(SocialUpkeepService).run()).resealed).toBe(1);
    const [row] = await w.api.db.query(`SELECT access_token_enc, refresh_token_enc, app_secret_enc FROM channel_account WHERE id = $1`, [c.zaloId]);
    for (const sealed of Object.values(row) as string[]) expect(box.isStale(sealed)).toBe(false);
    expect(box.open(row.access_token_enc)).toBe(c.zaloTokens.accessToken);
    expect(box.open(row.app_secret_enc)).toBe(c.zaloApp.appSecret);
    expect((await w.worker.get(SocialUpkeepService).run()).resealed).toBe(0);
  });

  it('a token sealed with a key no longer configured flags the account instead of failing silently', async () => {
    const c = await communeWithAccounts(w, 'Xã Mất Khóa');
    const lost = SecretBox.fromText('d1'.repeat(32));
    await w.api.db.query(`UPDATE channel_account SET access_token_enc = $2 WHERE id = $1`, [c.facebookId, lost.seal(c.pageToken)]);
    const { broadcastId } = await scheduleSocial(w, c.unit, ['facebook']);
    const d = await settled(broadcastId, 1);
    expect(d.facebook).toEqual(expect.objectContaining({ status: 'failed', failure_kind: 'permanent', provider_code: 'secret-unreadable' }));
    const account = await w.api.http.get(`/api/v1/channel-accounts/${c.facebookId}`).set('authorization', w.adminAuth);
    expect(account.body.needsReconnect).toBe(true);
    expect(w.graph.callsTo('POST /{page}/feed')).toHaveLength(0);
  });

  it('a Zalo refresh token the platform rejects flags the account for reconnecting', async () => {
    const c = await communeWithAccounts(w, 'Xã Hết Hạn Zalo', new Date(Date.now() + 3_600_000));
    await w.api.db.query(`UPDATE channel_account SET refresh_token_enc = $2 WHERE id = $1`, [c.zaloId, box.seal('zrt-revoked-by-zalo')]);
    expect((await w.worker.get(SocialUpkeepService).run()).refreshed).toEqual({ 'reconnect-needed': 1 });
    const res = await w.api.http.get(`/api/v1/channel-accounts/${c.zaloId}`).set('authorization', w.adminAuth);
    expect(res.body).toEqual(expect.objectContaining({ status: 'needs_reconnect', needsReconnect: true }));
    expect(res.body.statusReason).toContain('-14014');
  });

  it('an expired page token fails the post as reconnect-needed, flags the account, and reconnecting restores it', async () => {
    const c = await communeWithAccounts(w, 'Xã Hết Hạn Facebook');
    w.graph.expireToken(c.pageToken);
    const { broadcastId } = await scheduleSocial(w, c.unit, ['facebook']);
    const d = await settled(broadcastId, 1);
    expect(d.facebook).toEqual(expect.objectContaining({ status: 'failed', failure_kind: 'permanent', provider_code: '190/463' }));
    expect(d.facebook.failure_reason).toBe('reconnect-needed');
    expect(d.facebook.last_error).not.toMatch(/^reconnect-needed/);
    const account = await w.api.http.get(`/api/v1/channel-accounts/${c.facebookId}`).set('authorization', w.adminAuth);
    expect(account.body).toEqual(expect.objectContaining({ status: 'needs_reconnect', needsReconnect: true }));
    expect(account.body.statusReason).toBe('facebook từ chối mã truy cập (190/463); cần kết nối lại');
    const check = await w.api.http.post(`/api/v1/channel-accounts/${c.facebookId}/check`).set('authorization', w.adminAuth);
    expect(check.body).toEqual(expect.objectContaining({ ok: false, needsReconnect: true, code: '190/463' }));

    const refused = await w.api.http
      .post('/api/v1/broadcasts/preview')
      .set('authorization', w.officerAuth)
      .send({ messageId: (await scheduleSocial(w, c.unit, ['zalo'])).messageId, channels: ['facebook'], targets: { unitIds: [c.unit.id] }, schedule: { kind: 'once', at: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'channels[0]', rule: 'account' })]);

    const fresh = w.graph.addPage(c.pageId, 'Trang mới');
    const reconnected = await w.api.http.post(`/api/v1/channel-accounts/${c.facebookId}/reconnect`).set('authorization', w.adminAuth).send({ accessToken: fresh });
    expect(reconnected.body).toEqual(expect.objectContaining({ status: 'active', needsReconnect: false }));
    const ok = await w.api.http.post(`/api/v1/channel-accounts/${c.facebookId}/check`).set('authorization', w.adminAuth);
    expect(ok.body).toEqual(expect.objectContaining({ ok: true, platformId: c.pageId }));
  });

  it('a rate-limited post (Graph code 32) waits and goes later, once', async () => {
    const c = await communeWithAccounts(w, 'Xã Giới Hạn');
    w.graph.script('POST /{page}/feed', { kind: 'error', status: 400, body: graphError(32, 'Page request limit reached') });
    const { broadcastId } = await scheduleSocial(w, c.unit, ['facebook']);
    const waiting = await waitFor(
      () => deliveriesOf(w, broadcastId),
      (d) => d.facebook?.status === 'planned' && d.facebook.attempts === 1,
      10_000,
      'rate-limited delivery back to planned',
    );
    expect(waiting.facebook.provider_code).toBe('32');
    expect(waiting.facebook.not_before.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(w.graph.posts.filter((p) => p.pageId === c.pageId)).toHaveLength(0);

    // Time passes: the delivery is due; the reconciler hands it to the queue again.
    await w.api.db.query(`UPDATE delivery SET not_before = now() WHERE id = $1`, [waiting.facebook.id]);
    await w.worker.get(ReconcilerService).reconcile();
    const d = await settled(broadcastId, 1);
    expect(d.facebook).toEqual(expect.objectContaining({ status: 'sent', attempts: 2 }));
    expect(w.graph.posts.filter((p) => p.pageId === c.pageId)).toHaveLength(1);
  });
});
