import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { ConflictError, ForbiddenActionError, NotFoundError, expandAhead, type Actor } from '#domain/index.js';
import { broadcastViewStatus, type BroadcastViewStatus } from '#domain/delivery/broadcast-view-status.js';
import {
  AuditRepository,
  BroadcastRepository,
  DeliveryRepository,
  type BroadcastRow,
  type DeliveryStatus,
  type OccurrenceRow,
  TransactionRunner,
} from '#persistence/index.js';
import { JOBS, JobQueue } from '#queue/index.js';
import { CHANNEL_DEFINITIONS, channelOf, wakeBatches, type ChannelDefinition } from '../channel-definition.js';
import { afterCommit } from '../after-commit.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';
import { BroadcastValidator, type ValidatedBroadcast } from './broadcast-validator.js';

export interface BroadcastProgress {
  broadcastId: string;
  status: BroadcastViewStatus;
  total: number;
  byStatus: Partial<Record<DeliveryStatus, number>>;
  byChannel: Record<string, Partial<Record<DeliveryStatus, number>>>;
  occurrences: { id: string; dueAt: Date; status: string; batchCount: number }[];
}

/** A broadcast written in a transaction that has not been started yet (see BroadcastsService.start). */
export interface WrittenBroadcast {
  id: string;
  occurrences: OccurrenceRow[];
}

const FINISHED: readonly BroadcastRow['status'][] = ['completed', 'partially-failed', 'failed'];

@Injectable()
export class BroadcastsService {
  private readonly logger = new Logger(BroadcastsService.name);

  constructor(
    private readonly validator: BroadcastValidator,
    private readonly broadcasts: BroadcastRepository,
    private readonly transactions: TransactionRunner,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobQueue,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async schedule(actor: Actor, req: BroadcastRequest): Promise<BroadcastRow> {
    const v = await this.validator.validate(actor, req);
    const written = await this.transactions.run((m) => this.write(m, actor, req, v));
    return this.start(written);
  }

  /**
   * Writes a validated broadcast, its first occurrences and its audit row inside the caller's
   * transaction; enqueues nothing. Emergencies write their message, its approval and the broadcast in
   * one transaction through here, then call start() after commit.
   */
  async write(
    m: EntityManager,
    actor: Actor,
    req: BroadcastRequest,
    v: Pick<ValidatedBroadcast, 'message' | 'version' | 'timeZone' | 'smsMaxParts'>,
  ): Promise<WrittenBroadcast> {
    const schedule = toDomainSchedule(req.schedule, v.timeZone);
    const horizon = new Date(Date.now() + this.config.engine.recurrenceHorizonDays * 86_400_000);
    const { due, exhausted } = expandAhead(schedule, new Date(Date.now() - 60_000), horizon, 500);
    const id = await this.broadcasts.insert(m, {
      unitId: v.message.unitId,
      messageId: v.message.id,
      messageVersion: v.version.versionNo,
      createdBy: actor.userId,
      channels: req.channels,
      targets: req.targets,
      schedule: req.schedule,
      timeZone: v.timeZone,
      smsWithoutDiacritics: req.smsWithoutDiacritics,
      smsMaxParts: v.smsMaxParts,
      priority: v.version.priority,
    });
    const occurrences = await this.broadcasts.insertOccurrences(m, id, due);
    if (exhausted) await this.broadcasts.markFullyExpanded(m, id);
    await this.audit.append(
      {
        actorId: actor.userId,
        unitId: v.message.unitId,
        unitPath: v.message.unitPath,
        entityType: 'broadcast',
        entityId: id,
        action: 'schedule',
        versionNo: v.version.versionNo,
        data: { messageId: v.message.id, channels: req.channels, targets: req.targets, schedule: req.schedule },
      },
      m,
    );
    return { id, occurrences };
  }

  /**
   * After the broadcast's transaction committed: enqueues the occurrences due within a day and lets
   * channels hand work over ahead. The broadcast is scheduled once committed, so a Redis failure here
   * is logged, not answered as an error: the reconciler enqueues pending occurrences from Postgres on
   * its next pass (RECONCILE_INTERVAL_SECONDS), and the social cron hands posts over ahead each minute.
   */
  async start(written: WrittenBroadcast): Promise<BroadcastRow> {
    await this.stepAfterCommit(written.id, 'occurrence jobs', () =>
      this.jobs.addMany(
        JOBS.runOccurrence,
        written.occurrences
          .filter((o) => o.dueAt.getTime() < Date.now() + 86_400_000)
          .map((o) => ({ payload: { occurrenceId: o.id }, runAt: o.dueAt })),
      ),
    );
    const broadcast = (await this.broadcasts.findById(written.id)) as BroadcastRow;
    for (const code of broadcast.channels) {
      const channel = channelOf(this.channels, code);
      if (channel.afterSchedule) await this.stepAfterCommit(written.id, `${code} hand-over`, () => channel.afterSchedule!(broadcast));
    }
    return broadcast;
  }

  private async stepAfterCommit(broadcastId: string, step: string, run: () => Promise<void>): Promise<void> {
    await afterCommit(this.logger, { broadcastId, step }, 'the reconciler and crons complete it from Postgres', run);
  }

  async get(actor: Actor, id: string): Promise<BroadcastRow> {
    const broadcast = await this.broadcasts.findInScope(actor, id);
    if (!broadcast) throw new NotFoundError('broadcast');
    return broadcast;
  }

  async progress(actor: Actor, id: string): Promise<BroadcastProgress> {
    const broadcast = await this.get(actor, id);
    const rows = await this.deliveries.progress(id);
    const byStatus: BroadcastProgress['byStatus'] = {};
    const byChannel: BroadcastProgress['byChannel'] = {};
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
      byChannel[r.channel] = { ...byChannel[r.channel], [r.status]: r.count };
    }
    const occurrences = (await this.broadcasts.occurrences(id)).map((o) => ({
      id: o.id,
      dueAt: o.dueAt,
      status: o.status,
      batchCount: o.batchCount,
    }));
    const held = occurrences.find((o) => o.status === 'held');
    return {
      broadcastId: id,
      status: broadcastViewStatus({ stored: broadcast.status, held: held ? { dueAt: held.dueAt, note: null } : null }),
      total: rows.reduce((n, r) => n + r.count, 0),
      byStatus,
      byChannel,
      occurrences,
    };
  }

  /** Stops everything not yet handed to a provider: pending occurrences and planned deliveries. */
  async cancel(actor: Actor, id: string): Promise<{ cancelledDeliveries: number; cancelledOccurrences: number }> {
    const broadcast = await this.get(actor, id);
    const result = await this.transactions.run(async (m) => {
      const locked = (await this.broadcasts.findById(id, m, true)) as BroadcastRow;
      if (locked.status !== 'scheduled' && locked.status !== 'running') {
        throw new ConflictError('broadcast.not-cancellable', `Lượt phát đã ${locked.status === 'cancelled' ? 'bị hủy' : 'kết thúc'}`);
      }
      return this.writeCancel(m, actor.userId, broadcast);
    });
    // Committed: a refused withdrawal is not answered as an error. Pulls and feeds no longer list the
    // broadcast, the social upkeep deletes its scheduled posts, and a left occurrence job finds it cancelled.
    await this.stepAfterCommit(broadcast.id, 'withdrawal', () => this.afterCancel(broadcast, result.occurrences));
    return { cancelledDeliveries: result.cancelledDeliveries, cancelledOccurrences: result.occurrences.length };
  }

  /**
   * Inside the caller's transaction (the broadcast locked by it): the broadcast cancelled, its open
   * occurrences and planned deliveries with it, audited. A finished broadcast may be cancelled too (an
   * emergency withdrawn after it went out): what devices still show of it goes. Call afterCancel()
   * after commit.
   */
  async writeCancel(m: EntityManager, actorId: string | null, broadcast: BroadcastRow): Promise<{ cancelledDeliveries: number; occurrences: string[] }> {
    await this.broadcasts.setStatus(m, broadcast.id, 'cancelled', actorId ?? undefined);
    const occurrences = await this.broadcasts.cancelOpenOccurrences(m, broadcast.id);
    const cancelledDeliveries = await this.deliveries.cancelPlanned(m, broadcast.id);
    // Planned but nothing handed to any channel yet (waiting for quiet hours to end): it never ran.
    await this.broadcasts.cancelUnstartedOccurrences(m, broadcast.id);
    await this.audit.append(
      {
        actorId,
        unitId: broadcast.unitId,
        unitPath: broadcast.unitPath,
        entityType: 'broadcast',
        entityId: broadcast.id,
        action: 'cancel',
        data: { cancelledDeliveries, cancelledOccurrences: occurrences.length },
      },
      m,
    );
    return { cancelledDeliveries, occurrences };
  }

  /** After a cancellation committed: drops the occurrences' jobs and lets each channel withdraw what devices and platforms hold. */
  async afterCancel(broadcast: BroadcastRow, occurrenceIds: string[]): Promise<void> {
    for (const occurrenceId of occurrenceIds) await this.jobs.remove(JOBS.runOccurrence, { occurrenceId });
    for (const code of broadcast.channels) await channelOf(this.channels, code).withdraw?.(broadcast);
  }

  /** A supervisor sends exhausted deliveries (retries ran out) once more. */
  async retryExhausted(actor: Actor, id: string, deliveryIds: string[] | null): Promise<{ retried: number }> {
    if (actor.role !== 'supervisor') {
      throw new ForbiddenActionError('broadcast.retry-role', 'Chỉ lãnh đạo phụ trách mới được gửi lại các tin đã hết lượt thử');
    }
    const broadcast = await this.get(actor, id);
    const { retried, batches } = await this.transactions.run(async (m) => {
      const result = await this.deliveries.retryExhausted(m, id, deliveryIds);
      await this.audit.append(
        { actorId: actor.userId, unitId: broadcast.unitId, unitPath: broadcast.unitPath, entityType: 'broadcast', entityId: id, action: 'retry', data: { deliveryIds } },
        m,
      );
      // A finished broadcast runs again until the retried deliveries settle; its outcome is then decided anew.
      if (result.retried && FINISHED.includes(broadcast.status)) await this.broadcasts.setStatus(m, id, 'running');
      return result;
    });
    const now = new Date();
    await wakeBatches(
      this.channels,
      batches.map((b) => ({ ...b, wakeAt: now, priority: broadcast.priority })),
    );
    return { retried };
  }
}
