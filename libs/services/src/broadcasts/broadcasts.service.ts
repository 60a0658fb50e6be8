import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { ConflictError, ForbiddenActionError, NotFoundError, estimateCost, expandAhead, formatWallTime, type Actor } from '../../../domain/src/index.js';
import {
  AuditRepository,
  BroadcastRepository,
  DeliveryRepository,
  type BroadcastRow,
  type DeliveryStatus,
} from '../../../persistence/src/index.js';
import { BoardRepository } from '../../../persistence/src/repositories/board.repository.js';
import { StationPlaylistRepository } from '../../../persistence/src/repositories/station-playlist.repository.js';
import { SocialDeliveryRepository } from '../../../persistence/src/repositories/channel-account-delivery.repository.js';
import { JOBS, JobQueue } from '../../../queue/src/index.js';
import { CHANNEL_PLANNERS, wakeBatches, type ChannelPlanner } from '../dispatch/channel-planner.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';
import { BroadcastValidator } from './broadcast-validator.js';

export interface BroadcastPreview {
  recipients: Record<string, number>;
  sms: { text: string; encoding: string; characters: number; parts: number; perPart: number; maxParts: number } | null;
  estimatedCost: { currency: 'VND'; perPart: number; perOccurrence: number } | null;
  timeZone: string;
  occurrences: { at: string; local: string }[];
}

export interface BroadcastProgress {
  broadcastId: string;
  status: BroadcastRow['status'];
  total: number;
  byStatus: Partial<Record<DeliveryStatus, number>>;
  byChannel: Record<string, Partial<Record<DeliveryStatus, number>>>;
  occurrences: { id: string; dueAt: Date; status: string; batchCount: number }[];
}

@Injectable()
export class BroadcastsService {
  constructor(
    private readonly validator: BroadcastValidator,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobQueue,
    private readonly boards: BoardRepository,
    private readonly stationPlaylists: StationPlaylistRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    @Inject(CHANNEL_PLANNERS) private readonly planners: ChannelPlanner[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What would happen, without writing anything: recipients per channel, SMS parts and cost, the first due times. */
  async preview(actor: Actor, req: BroadcastRequest): Promise<BroadcastPreview> {
    const v = await this.validator.validate(actor, req);
    const recipients: Record<string, number> = {};
    if (req.channels.includes('sms')) {
      recipients.sms = await this.deliveries.countSmsRecipients({
        targetPaths: v.targetUnits.map((u) => u.path),
        villageIds: req.targets.villageIds,
        tags: req.targets.tags,
      });
    }
    if (req.channels.includes('board')) {
      recipients.board = await this.boards.countTargets(v.targetUnits.map((u) => u.path), req.targets.villageIds);
    }
    if (req.channels.includes('loudspeaker')) {
      recipients.loudspeaker = await this.stationPlaylists.countTargetStations(v.targetUnits.map((u) => u.path), req.targets.villageIds);
    }
    for (const channel of ['zalo', 'facebook'] as const) {
      if (req.channels.includes(channel)) recipients[channel] = await this.socialDeliveries.countAccounts(v.message.unitId, channel);
    }
    const perPart = this.config.sms.pricePerPartVnd;
    return {
      recipients,
      sms: v.sms && { text: v.smsText as string, encoding: v.sms.encoding, characters: v.sms.characters, parts: v.sms.parts, perPart: v.sms.perPart, maxParts: v.smsMaxParts },
      estimatedCost: v.sms ? { currency: 'VND', perPart, perOccurrence: estimateCost(v.sms.parts, recipients.sms ?? 0, perPart) } : null,
      timeZone: v.timeZone,
      occurrences: v.firstOccurrences.map((d) => ({ at: d.toISOString(), local: formatWallTime(d, v.timeZone) })),
    };
  }

  async schedule(actor: Actor, req: BroadcastRequest): Promise<BroadcastRow> {
    const v = await this.validator.validate(actor, req);
    const schedule = toDomainSchedule(req.schedule, v.timeZone);
    const horizon = new Date(Date.now() + this.config.engine.recurrenceHorizonDays * 86_400_000);
    const { due, exhausted } = expandAhead(schedule, new Date(Date.now() - 60_000), horizon, 500);
    const { id, occurrences } = await this.broadcasts.transaction(async (m) => {
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
    });
    await this.jobs.addMany(
      JOBS.runOccurrence,
      occurrences
        .filter((o) => o.dueAt.getTime() < Date.now() + 86_400_000)
        .map((o) => ({ payload: { occurrenceId: o.id }, runAt: o.dueAt })),
    );
    // Facebook posts of later occurrences are handed over ahead at once (the worker's minute cron would do it otherwise).
    if (req.channels.includes('facebook')) await this.jobs.add(JOBS.reviewSocialSchedule, { payload: { trigger: `broadcast-${id}` } });
    return (await this.broadcasts.findById(id)) as BroadcastRow;
  }

  async get(actor: Actor, id: string): Promise<BroadcastRow> {
    const broadcast = await this.broadcasts.findInScope(actor, id);
    if (!broadcast) throw new NotFoundError('broadcast');
    return broadcast;
  }

  list(actor: Actor, filter: Parameters<BroadcastRepository['list']>[1]) {
    return this.broadcasts.list(actor, filter);
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
    return {
      broadcastId: id,
      status: broadcast.status,
      total: rows.reduce((n, r) => n + r.count, 0),
      byStatus,
      byChannel,
      occurrences,
    };
  }

  /** Stops everything not yet handed to a provider: pending occurrences and planned deliveries. */
  async cancel(actor: Actor, id: string): Promise<{ cancelledDeliveries: number; cancelledOccurrences: number }> {
    const broadcast = await this.get(actor, id);
    const result = await this.broadcasts.transaction(async (m) => {
      const locked = (await this.broadcasts.findById(id, m, true)) as BroadcastRow;
      if (locked.status === 'cancelled' || locked.status === 'completed') {
        throw new ConflictError('broadcast.not-cancellable', `Lượt phát đã ${locked.status === 'cancelled' ? 'bị hủy' : 'hoàn thành'}`);
      }
      await this.broadcasts.setStatus(m, id, 'cancelled', actor.userId);
      const occurrences = await this.broadcasts.cancelOpenOccurrences(m, id);
      const cancelledDeliveries = await this.deliveries.cancelPlanned(m, id);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: broadcast.unitId,
          unitPath: broadcast.unitPath,
          entityType: 'broadcast',
          entityId: id,
          action: 'cancel',
          data: { cancelledDeliveries, cancelledOccurrences: occurrences.length },
        },
        m,
      );
      return { cancelledDeliveries, occurrences };
    });
    for (const occurrenceId of result.occurrences) await this.jobs.remove(JOBS.runOccurrence, { occurrenceId });
    // Posts already handed to Facebook for a later time are deleted there (the social upkeep retries if this job is lost).
    if (broadcast.channels.some((c) => c === 'zalo' || c === 'facebook')) await this.jobs.add(JOBS.unpublishSocial, { payload: { broadcastId: id } });
    return { cancelledDeliveries: result.cancelledDeliveries, cancelledOccurrences: result.occurrences.length };
  }

  async deliveriesOf(actor: Actor, id: string, filter: Parameters<DeliveryRepository['listByStatus']>[1]) {
    await this.get(actor, id);
    return this.deliveries.listByStatus(id, filter);
  }

  /** A supervisor sends exhausted deliveries (retries ran out) once more. */
  async retryExhausted(actor: Actor, id: string, deliveryIds: string[] | null): Promise<{ retried: number }> {
    if (actor.role !== 'supervisor') {
      throw new ForbiddenActionError('broadcast.retry-role', 'Chỉ lãnh đạo phụ trách mới được gửi lại các tin đã hết lượt thử');
    }
    const broadcast = await this.get(actor, id);
    const { retried, batches } = await this.broadcasts.transaction(async (m) => {
      const result = await this.deliveries.retryExhausted(m, id, deliveryIds);
      await this.audit.append(
        { actorId: actor.userId, unitId: broadcast.unitId, unitPath: broadcast.unitPath, entityType: 'broadcast', entityId: id, action: 'retry', data: { deliveryIds } },
        m,
      );
      if (result.retried && broadcast.status === 'completed') await this.broadcasts.setStatus(m, id, 'running');
      return result;
    });
    const now = new Date();
    await wakeBatches(
      this.planners,
      batches.map((b) => ({ ...b, wakeAt: now, priority: broadcast.priority })),
    );
    return { retried };
  }
}
