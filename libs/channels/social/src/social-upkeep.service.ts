import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { ChannelAccountRepository } from './repositories/channel-account.repository.js';
import { SocialDeliveryRepository } from './repositories/channel-account-delivery.repository.js';
import { JOBS, JobQueue } from '#queue/index.js';
import { SocialDispatchService } from './social-dispatch.service.js';
import { SocialTokensService, type RefreshOutcome } from './social-tokens.service.js';

export interface UpkeepReport {
  refreshed: Partial<Record<RefreshOutcome, number>>;
  verificationsQueued: number;
  unpublished: number;
  published: number;
  resealed: number;
}

/**
 * The worker's periodic social work: re-seal secrets still under an old key after a rotation,
 * refresh Zalo tokens before they expire, queue verification of
 * 'unknown' publishes (a worker may have died before queueing it), delete posts of cancelled
 * broadcasts still scheduled on a platform (in case the cancel's job was lost), and note scheduled
 * posts whose time has passed.
 */
@Injectable()
export class SocialUpkeepService {
  private readonly logger = new Logger(SocialUpkeepService.name);

  constructor(
    private readonly accounts: ChannelAccountRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    private readonly tokens: SocialTokensService,
    private readonly dispatch: SocialDispatchService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<UpkeepReport> {
    const resealed = await this.tokens.resealStale();
    const refreshed: UpkeepReport['refreshed'] = {};
    const before = new Date(Date.now() + this.config.social.refreshWithinHours * 3_600_000);
    for (const id of await this.accounts.zaloExpiringBefore(before, 500)) {
      try {
        const outcome = await this.tokens.refreshZalo(id);
        refreshed[outcome] = (refreshed[outcome] ?? 0) + 1;
      } catch (err) {
        // One account's outage must not stop the others; the next run tries again.
        this.logger.warn({ err, accountId: id }, 'zalo token refresh failed; will retry on the next run');
      }
    }
    const unknown = await this.socialDeliveries.unknown(500);
    await this.jobs.addMany(
      JOBS.verifySocial,
      unknown.map((d) => ({ payload: { deliveryId: d.id, attempt: d.attempts } })),
    );
    const unpublished = await this.dispatch.unpublishCancelled(null);
    const published = await this.socialDeliveries.markDuePublished();
    const report = { refreshed, verificationsQueued: unknown.length, unpublished, published, resealed };
    if (Object.keys(refreshed).length || unknown.length || unpublished || resealed) this.logger.log(report, 'social upkeep');
    return report;
  }
}
