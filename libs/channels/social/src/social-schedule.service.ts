import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { PermanentError } from '#domain/index.js';
import { AuditRepository, BroadcastRepository, MessageContentRepository, TransactionRunner, type BroadcastRow } from '#persistence/index.js';
import { ChannelAccountRepository } from './repositories/channel-account.repository.js';
import { SocialDeliveryRepository, type StaleAheadPost } from './repositories/channel-account-delivery.repository.js';
import { GRAPH_SCHEDULE_MIN_MS } from './providers/facebook/graph-page.adapter.js';
import { SOCIAL_PUBLISHERS, type SocialPublishers } from './social-providers.js';
import { FacebookPlanner } from './social-planner.js';
import { socialMarker } from './social-text.js';
import { SocialTokensService } from './social-tokens.service.js';

/** Occurrences closer than this are not handed over ahead: they go at their due time like any channel. */
export const AHEAD_MIN_LEAD_MS = GRAPH_SCHEDULE_MIN_MS + 5 * 60_000;
/** A post due within this is left alone: it is Facebook's to publish by now. */
const WITHDRAW_CUTOFF_MS = 60_000;
const PASS_LIMIT = 200;

export interface ScheduleReport {
  withdrawn: number;
  withdrawFailed: number;
  scheduled: number;
}

/**
 * Facebook posts handed over ahead of their occurrence (Facebook holds a post published=false until
 * its scheduled_publish_time), so page admins see what is coming and a worker outage at the due time
 * does not delay the post. An early post is only valid while its occurrence has not run and its
 * message is approved at the version it carries: otherwise it is withdrawn (deleted on Facebook, its
 * delivery undone) and, once the message is approved again, handed over anew. Runs every minute and
 * right after the events that change the picture (a broadcast scheduled, a message edited or approved).
 */
@Injectable()
export class SocialScheduleService {
  private readonly logger = new Logger(SocialScheduleService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly broadcasts: BroadcastRepository,
    private readonly messages: MessageContentRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    private readonly accounts: ChannelAccountRepository,
    private readonly audit: AuditRepository,
    private readonly tokens: SocialTokensService,
    private readonly facebook: FacebookPlanner,
    @Inject(SOCIAL_PUBLISHERS) private readonly publishers: SocialPublishers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<ScheduleReport> {
    const report: ScheduleReport = { withdrawn: 0, withdrawFailed: 0, scheduled: 0 };
    for (const stale of await this.socialDeliveries.staleAhead(new Date(Date.now() + WITHDRAW_CUTOFF_MS), PASS_LIMIT)) {
      if (await this.withdraw(stale)) report.withdrawn += 1;
      else report.withdrawFailed += 1;
    }
    report.scheduled = await this.scheduleAhead();
    if (report.withdrawn || report.withdrawFailed || report.scheduled) this.logger.log(report, 'facebook posts ahead');
    return report;
  }

  private async scheduleAhead(): Promise<number> {
    const days = this.config.social.facebookScheduleAheadDays;
    if (days === 0) return 0;
    const now = Date.now();
    let scheduled = 0;
    for (const occurrenceId of await this.socialDeliveries.facebookAhead(new Date(now + AHEAD_MIN_LEAD_MS), new Date(now + days * 86_400_000), PASS_LIMIT)) {
      // Same locks as the occurrence planner (occurrence, then broadcast), so a cancel or the due-time plan is serialised with this.
      const planned = await this.transactions.run(async (m) => {
        const occurrence = await this.broadcasts.lockOccurrence(m, occurrenceId);
        // Not one the planner has started (its version pinned): that one plans its own pages.
        if (occurrence?.status !== 'pending' || occurrence.messageVersion !== null) return null;
        const broadcast = (await this.broadcasts.findById(occurrence.broadcastId, m, true)) as BroadcastRow;
        if (broadcast.status !== 'scheduled' && broadcast.status !== 'running') return null;
        if ((await this.messages.state(broadcast.messageId, m))?.status !== 'approved') return null;
        return { broadcast, channel: await this.facebook.planAhead(m, occurrence, broadcast) };
      });
      if (!planned?.channel.deliveries) continue;
      scheduled += planned.channel.deliveries;
      await this.facebook.enqueue(occurrenceId, planned.broadcast, planned.channel);
    }
    return scheduled;
  }

  /** Deletes the post from the page (when one is there), then undoes the delivery and records why. */
  private async withdraw(stale: StaleAheadPost): Promise<boolean> {
    if (stale.status === 'sent' && stale.postId) {
      const account = await this.accounts.secrets(stale.accountId);
      try {
        if (!account) throw new Error('the page account no longer exists');
        const credentials = await this.tokens.credentials(account);
        try {
          await this.publishers.facebook.unpublish(credentials, stale.postId);
        } catch (error) {
          // A post a page admin already deleted cannot be deleted again: gone is what we wanted.
          const refused = error instanceof PermanentError && error.reason !== 'reconnect-needed';
          if (!refused || (await this.publishers.facebook.find(credentials, socialMarker(stale.deliveryId)))) throw error;
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (account) await this.tokens.flagIfTokenRefused(account.id, 'facebook', error);
        this.logger.warn({ deliveryId: stale.deliveryId, err: message }, 'could not withdraw a scheduled facebook post');
        await this.socialDeliveries.noteWithdrawFailure(
          stale.deliveryId,
          `chưa gỡ được bài đã hẹn giờ trên Facebook (${stale.reason}): ${message}; sẽ thử lại`,
        );
        return false;
      }
    }
    return this.transactions.run(async (m) => {
      if (!(await this.socialDeliveries.withdrawAhead(m, stale.deliveryId, stale.status))) return false;
      await this.audit.append(
        {
          actorId: null,
          unitId: stale.unitId,
          unitPath: stale.unitPath,
          entityType: 'broadcast',
          entityId: stale.broadcastId,
          action: 'withdraw-scheduled-post',
          comment: stale.reason,
          data: { deliveryId: stale.deliveryId, accountId: stale.accountId, postId: stale.postId },
        },
        m,
      );
      return true;
    });
  }
}
