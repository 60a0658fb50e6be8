import { Injectable } from '@nestjs/common';
import { SocialDeliveryRepository, type BroadcastRow } from '../../../persistence/src/index.js';
import { JOBS, JobQueue } from '../../../queue/src/index.js';
import { GRAPH_SCHEDULE_MAX_MS } from '../../../channels/src/facebook/graph-page.adapter.js';
import { plannedBatches, type ChannelPlanner, type PlanContext, type PlannedChannel, type WaitingBatch } from '../dispatch/channel-planner.js';

/**
 * Zalo / Facebook: one delivery per active account of the broadcast's own unit (the message's unit),
 * each its own batch. Social posts ignore quiet hours: they wait on the page, they do not ring.
 */
@Injectable()
abstract class SocialPlanner implements ChannelPlanner {
  abstract readonly channel: 'zalo' | 'facebook';

  constructor(
    private readonly socialDeliveries: SocialDeliveryRepository,
    private readonly jobs: JobQueue,
  ) {}

  async plan(ctx: PlanContext): Promise<PlannedChannel> {
    const wakeAt = this.publishFrom(ctx.occurrence.dueAt);
    const deliveries = await this.socialDeliveries.plan(ctx.manager, {
      occurrenceId: ctx.occurrence.id,
      broadcastId: ctx.broadcast.id,
      unitId: ctx.broadcast.unitId,
      platform: this.channel,
      notBefore: wakeAt,
    });
    return { channel: this.channel, deliveries, batches: deliveries, wakeAt };
  }

  async enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    await this.wake(plannedBatches(occurrenceId, broadcast, planned));
  }

  async wake(batches: WaitingBatch[]): Promise<void> {
    await this.jobs.addMany(
      JOBS.publishSocial,
      batches.map((b) => ({
        payload: { occurrenceId: b.occurrenceId, channel: this.channel, batchNo: b.batchNo, wakeAt: b.wakeAt.getTime() },
        runAt: b.wakeAt,
        priority: b.priority === 'normal' ? undefined : 1,
      })),
    );
  }

  /** When the publish request may go; Facebook overrides it to publish ahead on its own schedule. */
  protected publishFrom(dueAt: Date): Date {
    return dueAt;
  }
}

@Injectable()
export class ZaloPlanner extends SocialPlanner {
  readonly channel = 'zalo' as const;
}

@Injectable()
export class FacebookPlanner extends SocialPlanner {
  readonly channel = 'facebook' as const;

  /** Facebook holds a scheduled post until its time, so the request may go as soon as the due time is inside its window. */
  protected override publishFrom(dueAt: Date): Date {
    const earliest = dueAt.getTime() - GRAPH_SCHEDULE_MAX_MS + 86_400_000;
    return new Date(Math.min(dueAt.getTime(), Math.max(Date.now(), earliest)));
  }
}
