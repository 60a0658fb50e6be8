import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BroadcastRow, type OccurrenceRow } from '#persistence/index.js';
import { SocialDeliveryRepository } from './repositories/channel-account-delivery.repository.js';
import { JOBS, JobQueue, jobPriority } from '#queue/index.js';
import { plannedBatches, type ChannelPlanner, type PlanContext, type PlannedChannel, type WaitingBatch } from '#engine/channel-definition.js';

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

  /** At the due time: the accounts without a delivery get one, and every batch of the channel is woken (those already sent claim nothing). */
  plan(ctx: PlanContext): Promise<PlannedChannel> {
    return this.planAt(ctx.manager, ctx.occurrence, ctx.broadcast, ctx.occurrence.dueAt);
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
        priority: jobPriority(b.priority),
      })),
    );
  }

  protected async planAt(manager: EntityManager, occurrence: OccurrenceRow, broadcast: BroadcastRow, wakeAt: Date): Promise<PlannedChannel> {
    const { deliveries, batches } = await this.socialDeliveries.plan(manager, {
      occurrenceId: occurrence.id,
      broadcastId: broadcast.id,
      unitId: broadcast.unitId,
      platform: this.channel,
      notBefore: wakeAt,
    });
    return { channel: this.channel, deliveries, batches, wakeAt };
  }
}

@Injectable()
export class ZaloPlanner extends SocialPlanner {
  readonly channel = 'zalo' as const;
}

@Injectable()
export class FacebookPlanner extends SocialPlanner {
  readonly channel = 'facebook' as const;

  /**
   * Before the due time (SocialScheduleService, occurrence row locked): the pages get their
   * deliveries now, to be handed to Facebook as posts it holds until the due time.
   */
  planAhead(manager: EntityManager, occurrence: OccurrenceRow, broadcast: BroadcastRow): Promise<PlannedChannel> {
    return this.planAt(manager, occurrence, broadcast, new Date());
  }
}
