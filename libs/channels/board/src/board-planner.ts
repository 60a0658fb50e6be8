import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { BroadcastRow } from '#persistence/index.js';
import { BoardRepository } from './board.repository.js';
import type { ChannelPlanner, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { BoardEventsPublisher } from './board-events.js';
import { slideExpiry } from './board-slides.js';

/**
 * Boards: one delivery and one live slide per board of the target subtrees. Boards pull their
 * slides, so there is nothing to send: the delivery is 'sent' when the slide is live (at commit)
 * and 'delivered' when the board's heartbeat reports it has shown it. No quiet hours: a board is silent.
 */
@Injectable()
export class BoardPlanner implements ChannelPlanner {
  readonly channel = 'board';

  constructor(
    private readonly boards: BoardRepository,
    private readonly events: BoardEventsPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(ctx: PlanContext): Promise<PlannedChannel> {
    const startsAt = ctx.occurrence.dueAt;
    const nextOccurrenceAt = await this.boards.nextOccurrenceAfter(ctx.manager, ctx.broadcast.id, startsAt);
    const expiresAt = slideExpiry({
      startsAt,
      nextOccurrenceAt,
      slideDays: this.config.boardSlideDays,
      emergency: ctx.broadcast.priority === 'emergency',
    });
    const deliveries = await this.boards.planSlides(ctx.manager, {
      occurrenceId: ctx.occurrence.id,
      broadcastId: ctx.broadcast.id,
      messageId: ctx.broadcast.messageId,
      versionNo: ctx.version.versionNo,
      priority: ctx.broadcast.priority,
      targetPaths: ctx.targetPaths,
      villageIds: ctx.broadcast.targets.villageIds,
      startsAt,
      expiresAt,
    });
    return { channel: this.channel, deliveries, batches: 0, wakeAt: startsAt };
  }

  /**
   * Nothing to send: boards pull their feed. Connected boards get a change notice so an emergency
   * overlay goes up at once; a lost notice only delays the slide to the board's next poll.
   */
  async enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    if (planned.deliveries === 0) return;
    await this.events.publish(broadcast.priority === 'emergency' ? 'emergency' : 'slides', await this.boards.boardsOfOccurrence(occurrenceId));
  }
}
