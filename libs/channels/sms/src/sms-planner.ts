import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { nextAllowedInstant } from '#domain/index.js';
import { ChannelPolicyRepository, type BroadcastRow } from '#persistence/index.js';
import { SmsDeliveryRepository } from './repositories/sms-delivery.repository.js';
import { JOBS, JobQueue, jobPriority } from '#queue/index.js';
import { plannedBatches, type ChannelPlanner, type PlanContext, type PlannedChannel, type WaitingBatch } from '#engine/channel-definition.js';

/** Batches written in the first part of an SMS fan-out, so they can leave while the rest is written. */
export const FIRST_PART_BATCHES = 4;

/**
 * SMS: one delivery per opted-in subscriber of the targets, numbered into batches; quiet hours delay
 * the start. Written in two parts: the first few batches, committed and enqueued at once, then the rest.
 */
@Injectable()
export class SmsPlanner implements ChannelPlanner {
  readonly channel = 'sms';

  constructor(
    private readonly deliveries: SmsDeliveryRepository,
    private readonly policies: ChannelPolicyRepository,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(ctx: PlanContext): Promise<PlannedChannel> {
    const policy = await this.policies.get('sms');
    const due = ctx.occurrence.dueAt;
    const emergency = ctx.broadcast.priority === 'emergency';
    const wakeAt = !emergency && policy.quietHours ? nextAllowedInstant(due, policy.quietHours, ctx.broadcast.timeZone) : due;
    const batchSize = this.config.sms.batchSize;
    const firstPart = batchSize * FIRST_PART_BATCHES;
    const filter = { targetPaths: ctx.targetPaths, villageIds: ctx.broadcast.targets.villageIds, tags: ctx.broadcast.targets.tags };
    const base = { occurrenceId: ctx.occurrence.id, dueAt: ctx.occurrence.dueAt, broadcastId: ctx.broadcast.id, filter, notBefore: wakeAt, batchSize };
    let { existing, written } = await this.deliveries.planSms(ctx.manager, { ...base, limit: firstPart });
    const more = existing === 0 && written === firstPart;
    if (existing > 0) ({ existing, written } = await this.deliveries.planSms(ctx.manager, { ...base, limit: null }));
    const firstBatch = Math.ceil(existing / batchSize);
    return { channel: 'sms', deliveries: written, batches: Math.ceil((existing + written) / batchSize) - firstBatch, firstBatch, wakeAt, more };
  }

  async enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    await this.wake(plannedBatches(occurrenceId, broadcast, planned));
  }

  /**
   * Emergency batches go to the urgent lane; priority batches jump the bulk queue. BullMQ runs jobs
   * without a priority before prioritised ones, so every bulk batch carries one (see jobPriority).
   */
  async wake(batches: WaitingBatch[]): Promise<void> {
    for (const urgent of [true, false]) {
      const lane = batches.filter((b) => (b.priority === 'emergency') === urgent);
      await this.jobs.addMany(
        urgent ? JOBS.sendUrgentSmsBatch : JOBS.sendSmsBatch,
        lane.map((b) => ({
          payload: { occurrenceId: b.occurrenceId, batchNo: b.batchNo, wakeAt: b.wakeAt.getTime() },
          runAt: b.wakeAt,
          priority: jobPriority(b.priority),
        })),
      );
    }
  }
}
