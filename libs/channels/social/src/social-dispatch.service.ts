import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { isDeliveryError, PermanentError, publicImageUrl, publicMessageUrl } from '#domain/index.js';
import { BroadcastRepository, DeliveryRepository, MessageContentRepository, TransactionRunner, type ClaimedDelivery, type OccurrenceRow, type VersionContent, type SocialPlatform } from '#persistence/index.js';
import { ChannelAccountRepository } from './repositories/channel-account.repository.js';
import { SocialDeliveryRepository } from './repositories/channel-account-delivery.repository.js';
import { JOBS, JobQueue, type SocialBatchPayload } from '#queue/index.js';
import type { PublishedPost, SocialImage } from './providers/social-publisher.js';
import { GRAPH_SCHEDULE_MIN_MS } from './providers/facebook/graph-page.adapter.js';
import { failureOutcome, retryBackoff } from '#engine/dispatch/delivery-failure.js';
import { SOCIAL_PUBLISHERS, type SocialPublishers } from './social-providers.js';
import { SocialImageLoader } from './social-image.js';
import { socialMarker, socialText } from './social-text.js';
import { SocialTokensService } from './social-tokens.service.js';
import { countSends } from '#metrics/index.js';

/** A post handed over ahead must still lie this far from its due time, for Facebook to hold it (10 minutes) with room for the request. */
const PUBLISH_AHEAD_MIN_MS = GRAPH_SCHEDULE_MIN_MS + 2 * 60_000;

export type PublishResult = 'sent' | 'scheduled' | 'retrying' | 'failed' | 'unknown' | 'skipped';

/**
 * Publishes one social delivery (one account, one occurrence). 'sending' is committed before the
 * platform is called; a publish whose answer never came is 'unknown' and goes to verification, which
 * reads the platform for the delivery's marker before anything is published again.
 */
@Injectable()
export class SocialDispatchService {
  private readonly logger = new Logger(SocialDispatchService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    private readonly messages: MessageContentRepository,
    private readonly accounts: ChannelAccountRepository,
    private readonly tokens: SocialTokensService,
    private readonly images: SocialImageLoader,
    private readonly jobs: JobQueue,
    @Inject(SOCIAL_PUBLISHERS) private readonly publishers: SocialPublishers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(payload: SocialBatchPayload): Promise<PublishResult> {
    const occurrence = await this.broadcasts.findOccurrence(payload.occurrenceId);
    const broadcast = occurrence && (await this.broadcasts.findById(occurrence.broadcastId));
    if (!occurrence || !broadcast) return 'skipped';
    if (broadcast.status === 'cancelled' || occurrence.status === 'cancelled') return 'skipped';
    const versionNo = await this.versionToPublish(occurrence, broadcast.messageId, payload);
    const version = versionNo === null ? null : await this.messages.version(broadcast.messageId, versionNo);
    if (!version) return 'skipped';

    const [claimed] = await this.transactions.run((m) =>
      this.deliveries.claim(m, { ...payload, limit: 1, provider: payload.channel }),
    );
    if (!claimed) return 'skipped';
    const startedAt = new Date();
    const account = await this.accounts.secrets(claimed.endpoint);
    if (!account || account.status !== 'active') {
      await this.deliveries.settle([
        {
          id: claimed.id,
          dueAt: claimed.dueAt,
          startedAt,
          status: 'failed',
          attemptOutcome: 'permanent',
          failureKind: 'permanent',
          failureReason: 'reconnect-needed',
          providerCode: 'account-inactive',
          error: 'tài khoản cần kết nối lại hoặc đã tắt',
        },
      ]);
      return 'failed';
    }
    // A file the store has lost costs the post its photo, never the post.
    const photo = await this.photoOf(payload.channel, broadcast.messageId, version);
    const marker = socialMarker(claimed.id);
    const publishAt = payload.channel === 'facebook' ? occurrence.dueAt : null;
    // Which version the post will carry is on record before the request goes (an unknown outcome verified later keeps it).
    await this.socialDeliveries.savePost({
      deliveryId: claimed.id,
      broadcastId: broadcast.id,
      accountId: account.id,
      platform: payload.channel,
      marker,
      postId: null,
      state: 'requested',
      scheduledFor: null,
      messageVersion: version.versionNo,
    });
    try {
      const credentials = await this.tokens.credentials(account);
      const post = await this.publishers[payload.channel].publish(credentials, {
        title: version.title,
        text: socialText(version),
        link: publicMessageUrl(this.config.publicBaseUrl, broadcast.messageId, marker),
        marker,
        image: photo.image,
        coverUrl: photo.coverUrl,
        publishAt,
      });
      await this.recordPost(claimed.id, broadcast.id, account.id, payload.channel, marker, post, occurrence.dueAt);
      const warning = [photo.warning, post.warning].filter(Boolean).join('; ') || null;
      await this.deliveries.settle([{ id: claimed.id, dueAt: claimed.dueAt, startedAt, status: 'sent', attemptOutcome: 'sent', providerMessageId: post.postId, error: warning }]);
      countSends(payload.channel, payload.channel, [{ attemptOutcome: 'sent' }]);
      return post.scheduled ? 'scheduled' : 'sent';
    } catch (error) {
      return this.settleFailure(payload, claimed, account.id, error, startedAt);
    }
  }

  /** Reads the platform for the delivery's marker and settles an 'unknown' delivery: found → sent, absent → publish again. */
  async verify(deliveryId: string): Promise<'found' | 'absent' | 'skipped'> {
    const delivery = await this.socialDeliveries.find(deliveryId);
    if (!delivery || delivery.status !== 'unknown') return 'skipped';
    const account = await this.accounts.secrets(delivery.accountId);
    const broadcast = await this.broadcasts.findById(delivery.broadcastId);
    if (!account || !broadcast) return 'skipped';
    const credentials = await this.tokens.credentials(account);
    const marker = socialMarker(delivery.id);
    const found = await this.publishers[delivery.channel].find(credentials, marker);
    const cancelled = broadcast.status === 'cancelled';
    const row = await this.socialDeliveries.resolveUnknown(
      delivery.id,
      found,
      found ? `post ${found.postId} found` : 'no post carries the marker',
      cancelled ? 'cancelled' : 'planned',
    );
    if (!row) return 'skipped';
    if (found) {
      const occurrence = await this.broadcasts.findOccurrence(delivery.occurrenceId);
      await this.recordPost(delivery.id, delivery.broadcastId, account.id, delivery.channel, marker, found, occurrence?.dueAt ?? null);
      if (cancelled && found.scheduled) await this.jobs.add(JOBS.unpublishSocial, { payload: { broadcastId: broadcast.id } });
      return 'found';
    }
    if (!cancelled) {
      await this.jobs.add(JOBS.publishSocial, {
        payload: { occurrenceId: row.occurrenceId, channel: row.channel, batchNo: row.batchNo, wakeAt: Date.now() },
      });
    }
    return 'absent';
  }

  /** Deletes the posts of cancelled broadcasts that still wait on a platform's schedule. */
  async unpublishCancelled(broadcastId: string | null): Promise<number> {
    let deleted = 0;
    for (const post of await this.socialDeliveries.scheduledOfCancelled(broadcastId, 200)) {
      const account = await this.accounts.secrets(post.accountId);
      if (!account) continue;
      await this.publishers[post.platform].unpublish(await this.tokens.credentials(account), post.postId);
      if (post.state === 'published') await this.socialDeliveries.markRemoved(post.deliveryId);
      else await this.socialDeliveries.markDeleted(post.deliveryId);
      deleted += 1;
    }
    return deleted;
  }

  /**
   * An emergency was updated: each of its posts still showing an older version gets this one (edited
   * in place, or reposted where the platform cannot edit). Each post is recorded as done once done, so
   * a retried job edits only the rest; the first failure is thrown for the job to retry.
   */
  async editPublished(broadcastId: string, versionNo: number): Promise<number> {
    const broadcast = await this.broadcasts.findById(broadcastId);
    const version = broadcast && broadcast.status !== 'cancelled' ? await this.messages.version(broadcast.messageId, versionNo) : null;
    if (!broadcast || !version) return 0;
    let edited = 0;
    for (const post of await this.socialDeliveries.postsBehind(broadcastId, versionNo)) {
      const account = await this.accounts.secrets(post.accountId);
      if (!account || account.status !== 'active') continue;
      const credentials = await this.tokens.credentials(account);
      try {
        const now = await this.publishers[post.platform].edit(credentials, post.postId, {
          title: version.title,
          text: socialText(version),
          link: publicMessageUrl(this.config.publicBaseUrl, broadcast.messageId, post.marker),
          marker: post.marker,
        });
        await this.socialDeliveries.markEdited(post.deliveryId, now.postId, versionNo);
        edited += 1;
      } catch (error) {
        if (error instanceof PermanentError) await this.tokens.flagIfTokenRefused(account.id, post.platform, error);
        throw error;
      }
    }
    return edited;
  }

  private async recordPost(
    deliveryId: string,
    broadcastId: string,
    accountId: string,
    platform: SocialPlatform,
    marker: string,
    post: PublishedPost,
    dueAt: Date | null,
  ): Promise<void> {
    await this.socialDeliveries.savePost({
      deliveryId,
      broadcastId,
      accountId,
      platform,
      marker,
      postId: post.postId,
      state: post.scheduled ? 'scheduled' : 'published',
      scheduledFor: post.scheduled ? dueAt : null,
      // The version was recorded with the request, before it left.
      messageVersion: null,
    });
  }

  /**
   * The message's photo: uploaded with a Facebook post; for a Zalo article, the cover Zalo fetches
   * from the public page's image URL (public by the time the occurrence runs).
   */
  private async photoOf(
    channel: SocialPlatform,
    messageId: string,
    version: VersionContent,
  ): Promise<{ image: SocialImage | null; coverUrl: string | null; warning: string | null }> {
    if (channel === 'zalo') {
      const chosen = await this.images.choose(version);
      return { image: null, coverUrl: chosen && publicImageUrl(this.config.publicBaseUrl, messageId, chosen.id), warning: null };
    }
    try {
      return { image: await this.images.load(version), coverUrl: null, warning: null };
    } catch (err) {
      this.logger.warn({ err }, 'the photo of a social post could not be read; posting without it');
      return { image: null, coverUrl: null, warning: `đăng không kèm ảnh: không đọc được tệp ảnh (${err instanceof Error ? err.message : String(err)})` };
    }
  }

  /**
   * The version a delivery carries: its occurrence's once the occurrence has run. Ahead of it
   * (Facebook only, planned by SocialScheduleService) the message's approved version, while Facebook
   * can still hold the post until the due time; a publish that comes too late for that waits for the
   * due time, and one whose message is no longer approved goes nowhere (the schedule pass undoes it).
   */
  private async versionToPublish(occurrence: OccurrenceRow, messageId: string, payload: SocialBatchPayload): Promise<number | null> {
    // Run, or being planned (pending with its version pinned, channel by channel).
    if (occurrence.status === 'planned' || occurrence.status === 'completed' || (occurrence.status === 'pending' && occurrence.messageVersion !== null)) {
      return occurrence.messageVersion;
    }
    if (occurrence.status !== 'pending' || payload.channel !== 'facebook') return null;
    if (occurrence.dueAt.getTime() - Date.now() < PUBLISH_AHEAD_MIN_MS) {
      await this.socialDeliveries.deferBatch(occurrence.id, payload.channel, payload.batchNo, occurrence.dueAt);
      return null;
    }
    const message = await this.messages.state(messageId);
    return message?.status === 'approved' ? message.approvedVersion : null;
  }

  private async settleFailure(
    payload: SocialBatchPayload,
    claimed: Pick<ClaimedDelivery, 'id' | 'attempts' | 'dueAt'>,
    accountId: string,
    error: unknown,
    startedAt: Date,
  ): Promise<PublishResult> {
    if (!isDeliveryError(error)) this.logger.error({ err: error, deliveryId: claimed.id }, 'unclassified social publish error');
    if (error instanceof PermanentError) await this.tokens.flagIfTokenRefused(accountId, payload.channel, error);
    const outcome = failureOutcome(claimed, error, startedAt, { maxAttempts: this.config.social.maxAttempts, backoff: retryBackoff(this.config) });
    await this.deliveries.settle([outcome]);
    countSends(payload.channel, payload.channel, [outcome]);
    if (outcome.status === 'unknown') {
      await this.jobs.add(JOBS.verifySocial, {
        payload: { deliveryId: claimed.id, attempt: claimed.attempts },
        runAt: new Date(Date.now() + this.config.social.timeoutMs),
      });
      return 'unknown';
    }
    if (outcome.status === 'planned') {
      const runAt = outcome.notBefore as Date;
      await this.jobs.add(JOBS.publishSocial, { payload: { ...payload, wakeAt: runAt.getTime() }, runAt });
      return 'retrying';
    }
    return 'failed';
  }
}
