import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BroadcastRepository,
  MessageContentRepository,
  UnitRepository,
  type BroadcastRow,
  TransactionRunner,
} from '#persistence/index.js';
import { CHANNEL_DEFINITIONS, channelOf, type ChannelDefinition, type PlannedChannel } from '../channel-definition.js';
import { occurrenceStartDelay } from '#metrics/index.js';

export type PlanResult =
  | { kind: 'planned'; channels: PlannedChannel[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'held'; reason: string };

/**
 * Runs an occurrence at its due time: in one transaction it checks the row is still pending, the
 * broadcast live and the message approved, then writes every delivery set-based. Work is enqueued
 * only after commit; if that enqueue is lost the reconciler finds the planned rows and enqueues again.
 */
@Injectable()
export class OccurrencePlannerService {
  private readonly logger = new Logger(OccurrencePlannerService.name);

  constructor(
    private readonly broadcasts: BroadcastRepository,
    private readonly transactions: TransactionRunner,
    private readonly messages: MessageContentRepository,
    private readonly units: UnitRepository,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
  ) {}

  async run(occurrenceId: string): Promise<PlanResult> {
    const outcome = await this.transactions.run(async (manager) => {
      const occurrence = await this.broadcasts.lockOccurrence(manager, occurrenceId);
      if (!occurrence || occurrence.status !== 'pending') return { kind: 'skipped' as const, reason: `occurrence is ${occurrence?.status ?? 'missing'}` };
      occurrenceStartDelay.observe(Math.max(0, Date.now() - occurrence.dueAt.getTime()) / 1000);
      const broadcast = (await this.broadcasts.findById(occurrence.broadcastId, manager, true)) as BroadcastRow;
      if (broadcast.status !== 'scheduled' && broadcast.status !== 'running') {
        await this.broadcasts.setOccurrence(manager, occurrence.id, { status: 'cancelled', note: `broadcast ${broadcast.status}` });
        return { kind: 'skipped' as const, reason: `broadcast ${broadcast.status}` };
      }
      const message = await this.messages.state(broadcast.messageId, manager);
      if (!message || message.status !== 'approved' || message.approvedVersion === null) {
        const reason = 'tin bài có phiên bản mới đang chờ duyệt';
        await this.broadcasts.setOccurrence(manager, occurrence.id, { status: 'held', note: reason });
        return { kind: 'held' as const, reason };
      }
      const version = await this.messages.version(broadcast.messageId, message.approvedVersion, manager);
      if (!version) throw new Error(`approved version ${message.approvedVersion} of message ${broadcast.messageId} is missing`);
      const targets = await this.units.findRefs(null, broadcast.targets.unitIds, manager);
      const targetPaths = broadcast.targets.unitIds.flatMap((id) => targets.get(id)?.path ?? []);
      const planned: PlannedChannel[] = [];
      for (const channel of broadcast.channels) {
        planned.push(await channelOf(this.channels, channel).plan({ manager, occurrence, broadcast, version, targetPaths }));
      }
      await this.broadcasts.setOccurrence(manager, occurrence.id, {
        status: 'planned',
        messageVersion: version.versionNo,
        batchCount: planned.reduce((n, p) => n + p.batches, 0),
      });
      if (broadcast.status === 'scheduled') await this.broadcasts.setStatus(manager, broadcast.id, 'running');
      return { kind: 'planned' as const, channels: planned, broadcast };
    });
    if (outcome.kind !== 'planned') return outcome;
    for (const planned of outcome.channels) {
      await channelOf(this.channels, planned.channel).enqueue(occurrenceId, outcome.broadcast, planned);
    }
    this.logger.log({ occurrenceId, channels: outcome.channels }, 'occurrence planned');
    return { kind: 'planned', channels: outcome.channels };
  }
}
