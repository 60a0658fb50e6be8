import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '#domain/index.js';
import type { BroadcastRow, VersionContent } from '#persistence/index.js';
import type { BroadcastDraft, ChannelDefinition, ChannelPreview, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { noRecipientsWarning } from '#engine/broadcasts/preview-warnings.js';
import { BoardRepository } from './board.repository.js';
import { BoardPlanner } from './board-planner.js';
import { BoardEventsPublisher } from './board-events.js';

const NOBODY = 'Không có bảng tin điện tử nào trong các đơn vị, thôn đã chọn';

/** Electronic bulletin boards of the targets: the message's slides join their feed; the boards pull it. */
@Injectable()
export class BoardChannel implements ChannelDefinition {
  readonly code = 'board' as const;
  readonly label = 'Bảng tin điện tử';

  constructor(
    private readonly planner: BoardPlanner,
    private readonly boards: BoardRepository,
    private readonly events: BoardEventsPublisher,
  ) {}

  async validate(draft: BroadcastDraft, field: string): Promise<FieldProblem[]> {
    return draft.version.renditions.board ? [] : [{ field, rule: 'rendition', message: 'Tin bài chưa có nội dung cho kênh board' }];
  }

  async readiness(draft: BroadcastDraft): Promise<string[]> {
    const reasons: string[] = [];
    if (!draft.version.renditions.board) reasons.push('Tin bài chưa có trang trình chiếu cho bảng tin');
    if ((await this.countRecipients(draft)) === 0) reasons.push(NOBODY);
    return reasons;
  }

  countRecipients(draft: BroadcastDraft): Promise<number> {
    return this.boards.countTargets(draft.targets.paths, draft.targets.villageIds);
  }

  async preview(_draft: BroadcastDraft, _due: Date[], recipients: number): Promise<ChannelPreview> {
    return { warnings: noRecipientsWarning(this.code, recipients, NOBODY) };
  }

  plan(ctx: PlanContext): Promise<PlannedChannel> {
    return this.planner.plan(ctx);
  }

  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    return this.planner.enqueue(occurrenceId, broadcast, planned);
  }

  /** A cancelled broadcast's slides are no longer in any feed; the boards showing them are told at once so the overlay goes. */
  async withdraw(broadcast: BroadcastRow): Promise<void> {
    await this.events.publish('slides', await this.boards.boardsOfBroadcast(broadcast.id));
  }

  /** An update: the live slides show the new version; the boards are told (an emergency overlay is replaced at once). */
  async replace(broadcast: BroadcastRow, version: VersionContent): Promise<void> {
    const boardIds = await this.boards.showVersion(broadcast.id, version.versionNo);
    await this.events.publish(broadcast.priority === 'emergency' ? 'emergency' : 'slides', boardIds);
  }
}
