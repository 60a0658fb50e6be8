import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BroadcastRepository,
  MessageContentRepository,
  UnitRepository,
  type BroadcastRow,
  type OccurrenceRow,
  type VersionContent,
  TransactionRunner,
} from '#persistence/index.js';
import { CHANNEL_DEFINITIONS, channelOf, type ChannelDefinition, type PlannedChannel } from '../channel-definition.js';
import { occurrenceStartDelay } from '#metrics/index.js';

export type PlanResult =
  | { kind: 'planned'; channels: PlannedChannel[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'held'; reason: string };

/** What every part of an occurrence's planning shares, fixed by its first transaction. */
interface Started {
  broadcast: BroadcastRow;
  version: VersionContent;
  targetPaths: string[];
  /** Channels already fully written (by an earlier run that died). */
  planned: string[];
}

/** How long a planner waits, polling, for content being made (speech) before its job fails and is retried. */
const CONTENT_WAIT_MS = 30_000;
const CONTENT_POLL_MS = 50;
/** How long a channel's later parts wait for another channel's content before they go ahead anyway. */
const CONTENT_GRACE_MS = 10_000;

/**
 * Devices are told first, then the first SMS batches, then the rest: stations and boards of an
 * emergency hear of it as soon as their rows commit, and the first SMS leave before the last SMS row
 * is written. A channel not listed goes after those listed.
 */
const PUSH_FIRST = ['loudspeaker', 'board', 'sms', 'zalo', 'facebook'];

export function pushFirstOrder(channels: readonly string[]): string[] {
  const rank = (c: string) => (PUSH_FIRST.includes(c) ? PUSH_FIRST.indexOf(c) : PUSH_FIRST.length);
  return [...channels].sort((a, b) => rank(a) - rank(b));
}

/**
 * Runs an occurrence at its due time. A first short transaction checks the row is still pending, the
 * broadcast live and the message approved, and pins the message version. Then each channel writes
 * its deliveries set-based in a transaction of its own, in push-first order and round by round (a
 * channel with `more` writes its next part in the next round), and its work is enqueued or its
 * devices told as soon as that part commits. The occurrence stays 'pending' with the finished
 * channels listed until the last one commits, and becomes 'planned' in that transaction. If the
 * worker dies in between, the reconciler re-enqueues the pending occurrence and this resumes with
 * the channels not yet listed, each continuing from the rows already written; enqueued work that was
 * lost is re-enqueued from the planned rows. A channel whose content is still being made (an
 * emergency's speech) waits while the others go ahead with their first parts; their later parts
 * wait for it up to CONTENT_GRACE_MS, so the stations are told before a long write.
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
    const start = await this.start(occurrenceId);
    if ('kind' in start) return start;
    const { broadcast } = start;
    const remaining = new Set(pushFirstOrder(broadcast.channels).filter((c) => !start.planned.includes(c)));
    const parts: PlannedChannel[] = [];
    const ready = new Set<string>();
    const begun = new Set<string>();
    const waitUntil = Date.now() + CONTENT_WAIT_MS;
    const graceUntil = Date.now() + CONTENT_GRACE_MS;
    while (remaining.size > 0) {
      let progressed = false;
      let waiting = false;
      for (const channel of [...remaining]) {
        const definition = channelOf(this.channels, channel);
        if (!ready.has(channel)) {
          if (definition.contentReady && !(await definition.contentReady(start))) {
            waiting = true;
            continue;
          }
          ready.add(channel);
        }
        // A channel's later parts (the SMS after its first batches) wait a while for content still
        // being made: the stations are told before a long write holds the planner.
        if (begun.has(channel) && waiting && Date.now() < graceUntil) continue;
        begun.add(channel);
        const part = await this.planPart(occurrenceId, start, channel, remaining);
        if (part === null) return { kind: 'skipped', reason: 'occurrence is no longer pending' };
        if (!part.more) remaining.delete(channel);
        parts.push(part);
        progressed = true;
        await definition.enqueue(occurrenceId, broadcast, part);
      }
      if (progressed) continue;
      // The job fails and is retried (BullMQ backoff, then the reconciler); what is written stays.
      if (Date.now() > waitUntil) throw new Error(`content of ${[...remaining].join(', ')} for occurrence ${occurrenceId} is still not ready`);
      await new Promise((resolve) => setTimeout(resolve, CONTENT_POLL_MS));
    }
    if (start.planned.length === broadcast.channels.length) await this.finishWithoutChannels(occurrenceId, broadcast);
    this.logger.log({ occurrenceId, channels: parts }, 'occurrence planned');
    return { kind: 'planned', channels: parts };
  }

  /** The checks and the version pin; a resumed occurrence keeps the version it started with. */
  private async start(occurrenceId: string): Promise<Started | Exclude<PlanResult, { kind: 'planned' }>> {
    return this.transactions.run(async (manager) => {
      const occurrence = await this.broadcasts.lockOccurrence(manager, occurrenceId);
      if (!occurrence || occurrence.status !== 'pending') return { kind: 'skipped' as const, reason: `occurrence is ${occurrence?.status ?? 'missing'}` };
      const broadcast = (await this.broadcasts.findById(occurrence.broadcastId, manager, true)) as BroadcastRow;
      if (broadcast.status !== 'scheduled' && broadcast.status !== 'running') {
        await this.broadcasts.setOccurrence(manager, occurrence.id, { status: 'cancelled', note: `broadcast ${broadcast.status}` });
        return { kind: 'skipped' as const, reason: `broadcast ${broadcast.status}` };
      }
      const versionNo = occurrence.messageVersion ?? (await this.approvedVersion(manager, occurrence, broadcast));
      if (versionNo === null) {
        const reason = 'tin bài có phiên bản mới đang chờ duyệt';
        await this.broadcasts.setOccurrence(manager, occurrence.id, { status: 'held', note: reason });
        return { kind: 'held' as const, reason };
      }
      const version = await this.messages.version(broadcast.messageId, versionNo, manager);
      if (!version) throw new Error(`approved version ${versionNo} of message ${broadcast.messageId} is missing`);
      if (occurrence.messageVersion === null) {
        occurrenceStartDelay.observe(Math.max(0, Date.now() - occurrence.dueAt.getTime()) / 1000);
        await this.broadcasts.startOccurrence(manager, occurrence.id, versionNo);
      }
      if (broadcast.status === 'scheduled') await this.broadcasts.setStatus(manager, broadcast.id, 'running');
      const targets = await this.units.findRefs(null, broadcast.targets.unitIds, manager);
      const targetPaths = broadcast.targets.unitIds.flatMap((id) => targets.get(id)?.path ?? []);
      return { broadcast, version, targetPaths, planned: occurrence.plannedChannels };
    });
  }

  private async approvedVersion(manager: EntityManager, occurrence: OccurrenceRow, broadcast: BroadcastRow): Promise<number | null> {
    const message = await this.messages.state(broadcast.messageId, manager);
    if (!message || message.status !== 'approved' || message.approvedVersion === null) return null;
    return message.approvedVersion;
  }

  /**
   * One channel's next part in its own transaction, with the occurrence locked (a cancellation waits
   * for it, or it sees the cancellation and writes nothing): null when the occurrence is no longer pending.
   */
  private planPart(occurrenceId: string, start: Started, channel: string, remaining: ReadonlySet<string>): Promise<PlannedChannel | null> {
    return this.transactions.run(async (manager) => {
      const occurrence = await this.broadcasts.lockOccurrence(manager, occurrenceId);
      if (!occurrence || occurrence.status !== 'pending') return null;
      const part = await channelOf(this.channels, channel).plan({ manager, occurrence, broadcast: start.broadcast, version: start.version, targetPaths: start.targetPaths });
      const channelDone = !part.more;
      await this.broadcasts.recordPlannedPart(manager, occurrenceId, {
        channel,
        batches: part.batches,
        channelDone,
        occurrenceDone: channelDone && remaining.size === 1 && remaining.has(channel),
      });
      return part;
    });
  }

  /** A resumed occurrence whose channels were all written before the worker died, or a broadcast without channels. */
  private async finishWithoutChannels(occurrenceId: string, broadcast: BroadcastRow): Promise<void> {
    await this.transactions.run(async (manager) => {
      const occurrence = await this.broadcasts.lockOccurrence(manager, occurrenceId);
      if (occurrence?.status !== 'pending') return;
      await this.broadcasts.recordPlannedPart(manager, occurrenceId, { channel: broadcast.channels[0] ?? '', batches: 0, channelDone: false, occurrenceDone: true });
    });
  }
}
