import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '#domain/index.js';
import type { BroadcastRow, VersionContent } from '#persistence/index.js';
import { JOBS, JobQueue } from '#queue/index.js';
import type { BroadcastDraft, ChannelDefinition, ChannelPlanner, ChannelPreview, PlanContext, PlannedChannel, WaitingBatch } from '#engine/channel-definition.js';
import { ChannelAccountRepository } from './repositories/channel-account.repository.js';
import { SocialDeliveryRepository } from './repositories/channel-account-delivery.repository.js';
import { FacebookPlanner, ZaloPlanner } from './social-planner.js';

/**
 * A post on each active Zalo OA / Facebook Page of the message's own unit. Posts wait on the page,
 * so quiet hours do not apply; without a social rendition the post uses the title and body.
 */
abstract class SocialChannel implements ChannelDefinition {
  abstract readonly code: 'zalo' | 'facebook';
  abstract readonly label: string;

  constructor(
    private readonly planner: ChannelPlanner,
    private readonly accounts: ChannelAccountRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    protected readonly jobs: JobQueue,
  ) {}

  async validate(draft: BroadcastDraft, field: string): Promise<FieldProblem[]> {
    if ((await this.countRecipients(draft)) > 0) return [];
    return [{ field, rule: 'account', message: `Đơn vị của tin bài chưa có tài khoản ${this.label} đang hoạt động` }];
  }

  async readiness(draft: BroadcastDraft): Promise<string[]> {
    const { active, needsReconnect } = await this.accounts.statusCounts(draft.message.unitId, this.code);
    if (active > 0) return [];
    return [needsReconnect > 0 ? `Tài khoản ${this.label} của đơn vị cần kết nối lại` : `Đơn vị của tin bài chưa có tài khoản ${this.label} đang hoạt động`];
  }

  countRecipients(draft: BroadcastDraft): Promise<number> {
    return this.socialDeliveries.countAccounts(draft.message.unitId, this.code);
  }

  async preview(draft: BroadcastDraft): Promise<ChannelPreview> {
    if (draft.version.renditions.social) return { warnings: [] };
    return {
      warnings: [
        {
          code: 'no-rendition',
          channel: this.code,
          message: `Tin bài chưa có nội dung riêng cho mạng xã hội: bài đăng ${this.label} sẽ dùng tiêu đề và nội dung chính.`,
        },
      ],
    };
  }

  plan(ctx: PlanContext): Promise<PlannedChannel> {
    return this.planner.plan(ctx);
  }

  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    return this.planner.enqueue(occurrenceId, broadcast, planned);
  }

  wake(batches: WaitingBatch[]): Promise<void> {
    return this.planner.wake!(batches);
  }

  /**
   * Posts already handed to the platform for a later time are deleted there (the social upkeep retries
   * if this job is lost); a cancelled emergency's published posts too.
   */
  async withdraw(broadcast: BroadcastRow): Promise<void> {
    await this.jobs.add(JOBS.unpublishSocial, { payload: { broadcastId: broadcast.id } });
  }

  /** An emergency updated: its posts on the platform are edited (Facebook) or reposted (Zalo). Posts not yet published read the new version when they go. */
  async replace(broadcast: BroadcastRow, version: VersionContent): Promise<void> {
    await this.jobs.add(JOBS.editSocial, { payload: { broadcastId: broadcast.id, messageVersion: version.versionNo } });
  }
}

@Injectable()
export class ZaloChannel extends SocialChannel {
  readonly code = 'zalo' as const;
  readonly label = 'Zalo OA';

  constructor(planner: ZaloPlanner, accounts: ChannelAccountRepository, socialDeliveries: SocialDeliveryRepository, jobs: JobQueue) {
    super(planner, accounts, socialDeliveries, jobs);
  }
}

@Injectable()
export class FacebookChannel extends SocialChannel {
  readonly code = 'facebook' as const;
  readonly label = 'Facebook';

  constructor(planner: FacebookPlanner, accounts: ChannelAccountRepository, socialDeliveries: SocialDeliveryRepository, jobs: JobQueue) {
    super(planner, accounts, socialDeliveries, jobs);
  }

  /** Posts of later occurrences are handed to Facebook ahead at once (the worker's minute cron would do it otherwise). */
  async afterSchedule(broadcast: BroadcastRow): Promise<void> {
    await this.jobs.add(JOBS.reviewSocialSchedule, { payload: { trigger: `broadcast-${broadcast.id}` } });
  }
}
