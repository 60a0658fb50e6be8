import { Inject, Injectable, Logger } from '@nestjs/common';
import { BroadcastRepository, MessageContentRepository, type BroadcastRow, type VersionContent } from '#persistence/index.js';
import { afterCommit } from '#engine/after-commit.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { CHANNEL_DEFINITIONS, channelOf, type ChannelDefinition } from '#engine/channel-definition.js';
import { EmergencyChangeRepository, type UnpropagatedChange } from './emergency-change.repository.js';
import { EmergencyFollowUps, type FollowUp } from './emergency-follow-up.js';

/** How long a change is left to the request that committed it before the worker's pass completes it. */
export const PROPAGATION_GRACE_MS = 10_000;
const CHANGES_PER_PASS = 100;

/**
 * The second step of an emergency's update or cancellation: once it is committed, devices, platforms
 * and queues hear of it, and the change row records that they did (`propagated_at`). Every step can
 * run again without doing anything twice: the items take the broadcast's current speech, the slides
 * its current version, only the posts behind that version are edited, and a withdrawal withdraws what
 * is still live. So a step that a crash interrupted or Redis refused is not answered as an error
 * (the change is committed and stands): it is logged, and the worker's pass (every 15 s) runs it again
 * from the change row. An SMS follow-up needs no pass of its own: its batches are planned rows, which
 * the reconciler wakes.
 */
@Injectable()
export class EmergencyChangePropagation {
  private readonly logger = new Logger('emergency-changes');

  constructor(
    private readonly changes: EmergencyChangeRepository,
    private readonly broadcastRows: BroadcastRepository,
    private readonly contents: MessageContentRepository,
    private readonly broadcasts: BroadcastsService,
    private readonly followUps: EmergencyFollowUps,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
  ) {}

  async afterUpdate(changeId: string, broadcastId: string, followUp: FollowUp | null): Promise<void> {
    // Read again: the caller's row predates the version the update carried.
    await this.propagate(changeId, async () => this.replace((await this.broadcastRows.findById(broadcastId)) as BroadcastRow));
    await this.wake(changeId, followUp);
  }

  async afterCancel(changeId: string, broadcast: BroadcastRow | null, occurrenceIds: string[], followUp: FollowUp | null): Promise<void> {
    await this.propagate(changeId, async () => {
      if (broadcast) await this.broadcasts.afterCancel(broadcast, occurrenceIds);
    });
    await this.wake(changeId, followUp);
  }

  /** The worker's pass: changes older than the grace whose propagation never finished, oldest first. */
  async completePending(olderThanMs = PROPAGATION_GRACE_MS): Promise<{ completed: number; failed: number }> {
    let completed = 0;
    let failed = 0;
    for (const change of await this.changes.unpropagated(olderThanMs, CHANGES_PER_PASS)) {
      try {
        await this.complete(change);
        await this.changes.markPropagated(change.id);
        completed += 1;
      } catch (err) {
        failed += 1;
        this.logger.warn({ err, changeId: change.id }, 'emergency change still not propagated; the next pass tries again');
      }
    }
    if (completed || failed) this.logger.log({ completed, failed }, 'emergency changes completed after their commit');
    return { completed, failed };
  }

  private async complete(change: UnpropagatedChange): Promise<void> {
    const broadcast = change.broadcastId ? await this.broadcastRows.findById(change.broadcastId) : null;
    if (!broadcast) return;
    // Occurrence jobs left behind need no removal: the planner skips an occurrence that is no longer pending.
    if (change.kind === 'cancel') return this.broadcasts.afterCancel(broadcast, []);
    await this.replace(broadcast);
  }

  /**
   * Every channel shows the broadcast's current version (a later update overtakes an earlier one); an
   * update overtaken by the cancellation has nothing left to replace (the cancellation withdraws).
   */
  private async replace(broadcast: BroadcastRow): Promise<void> {
    if (broadcast.status === 'cancelled') return;
    const version = (await this.contents.version(broadcast.messageId, broadcast.messageVersion)) as VersionContent;
    for (const code of broadcast.channels) await channelOf(this.channels, code).replace?.(broadcast, version);
  }

  private async propagate(changeId: string, step: () => Promise<void>): Promise<void> {
    await afterCommit(this.logger, { changeId }, 'the worker completes the emergency change', async () => {
      await step();
      await this.changes.markPropagated(changeId);
    });
  }

  private async wake(changeId: string, followUp: FollowUp | null): Promise<void> {
    await afterCommit(this.logger, { changeId }, 'the reconciler wakes the follow-up SMS batches', () => this.followUps.wake(followUp));
  }
}
