import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, type Actor, type ContentGroup } from '#domain/index.js';
import { AuditRepository, BroadcastRepository, MessageContentRepository, TransactionRunner, type BroadcastRow, type VersionContent } from '#persistence/index.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { EmergenciesService, type EmergencyView } from './emergencies.service.js';
import { EmergencyChangePropagation } from './emergency-change-propagation.js';
import { EmergencyChangeRepository, type EmergencyChangeRow } from './emergency-change.repository.js';
import { EmergencyFollowUps, type FollowUp } from './emergency-follow-up.js';
import { assertSupervisor } from './emergency-planner.js';
import { emergencyRenditions } from './emergency-renditions.js';
import { withFirstIssue } from './emergency-repeat.js';
import { EmergencyRepository, type EmergencyRow } from './emergency.repository.js';
import { SupervisorPassword } from './supervisor-password.js';

/** Where a change came from when a system made it (an imported CAP Update/Cancel): recorded, and no person is named. */
export interface ChangeOrigin {
  source: string;
}

export interface EmergencyChangeView extends EmergencyView {
  /** Every update and the cancellation, oldest first. */
  changes: EmergencyChangeRow[];
}

/**
 * Update and cancel of an emergency, reaching every channel. Everything is written in Postgres in one
 * transaction first (the emergency, its message version or its broadcast's cancellation, the SMS
 * follow-up with its recipients, the change row, the audit), and only then do devices, platforms and
 * queues hear of it (EmergencyChangePropagation: a failure there is completed by the worker, not
 * answered as an error). update/cancel take no password: the console's path checks it first
 * (updateConfirmed/cancelConfirmed); trusted callers (CAP import) call them directly with `origin`.
 */
@Injectable()
export class EmergencyChangesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly emergencies: EmergencyRepository,
    private readonly changes: EmergencyChangeRepository,
    private readonly messages: MessageRepository,
    private readonly contents: MessageContentRepository,
    private readonly broadcastRows: BroadcastRepository,
    private readonly broadcasts: BroadcastsService,
    private readonly followUps: EmergencyFollowUps,
    private readonly views: EmergenciesService,
    private readonly password: SupervisorPassword,
    private readonly audit: AuditRepository,
    private readonly propagation: EmergencyChangePropagation,
  ) {}

  async cancelConfirmed(actor: Actor, id: string, reason: string | null, password: string, clientIp: string): Promise<EmergencyChangeView> {
    await this.beforeConfirmed(actor, id, password, clientIp);
    return this.cancel(actor, id, reason);
  }

  async updateConfirmed(actor: Actor, id: string, change: { title: string; body: string }, password: string, clientIp: string): Promise<EmergencyChangeView> {
    await this.beforeConfirmed(actor, id, password, clientIp);
    return this.update(actor, id, change);
  }

  /**
   * Withdraws the emergency. One that waits for a second supervisor is simply withdrawn (nothing was
   * sent). One that went out: its broadcast is cancelled (also when it had finished), loudspeaker
   * items leave the playlists and stations holding them get `stop`, board slides go, social posts are
   * deleted, pending SMS are cancelled and the phones that received it get one "Hủy bỏ thông báo".
   * A second cancel is refused (409) and sends nothing.
   */
  async cancel(actor: Actor, emergencyId: string, reason: string | null, origin?: ChangeOrigin): Promise<EmergencyChangeView> {
    const acted = await this.transactions.run(async (m) => {
      const emergency = await this.lock(actor, emergencyId, m);
      if (emergency.status === 'cancelled') throw new ConflictError('emergency.cancelled', 'Tin khẩn cấp này đã được hủy');
      const by = this.personOf(actor, emergency, origin);
      let broadcast: BroadcastRow | null = null;
      let cancelled: { occurrences: string[] } = { occurrences: [] };
      let followUp: FollowUp | null = null;
      if (emergency.status === 'sent' && emergency.broadcastId) {
        broadcast = (await this.broadcastRows.findById(emergency.broadcastId, m, true)) as BroadcastRow;
        if (broadcast.status !== 'cancelled') cancelled = await this.broadcasts.writeCancel(m, by.auditActor, broadcast);
        followUp = await this.followUps.write(m, broadcast, 'cancel', { title: emergency.title, body: '' }, by.author);
      }
      await this.changes.markCancelled(m, emergency.id);
      const changeId = await this.changes.insert(m, {
        emergencyId: emergency.id,
        kind: 'cancel',
        messageVersion: emergency.messageVersion,
        reason,
        origin: origin?.source ?? null,
        followUpBroadcastId: followUp?.broadcastId ?? null,
        createdBy: by.auditActor,
      });
      await this.record(m, by.auditActor, emergency, 'cancel', reason, {
        changeId,
        from: emergency.status,
        broadcastId: broadcast?.id ?? null,
        followUpBroadcastId: followUp?.broadcastId ?? null,
        followUpRecipients: followUp?.deliveries ?? 0,
        origin: origin?.source ?? null,
      });
      return { broadcast, cancelled, followUp, changeId };
    });
    await this.propagation.afterCancel(acted.changeId, acted.broadcast, acted.cancelled.occurrences, acted.followUp);
    return this.view(actor, emergencyId);
  }

  /**
   * Replaces the emergency's content: a new message version (renditions derived as at send, with the
   * first-issue restatement when it repeats), approved at once. Devices and platforms get it where it
   * is still to be shown or played; SMS not yet handed over carry it; the phones that had the SMS get
   * one "Cập nhật thông báo"; repetitions still to come carry it.
   */
  async update(actor: Actor, emergencyId: string, change: { title: string; body: string }, origin?: ChangeOrigin): Promise<EmergencyChangeView> {
    const acted = await this.transactions.run(async (m) => {
      const emergency = await this.lock(actor, emergencyId, m);
      if (emergency.status !== 'sent' || !emergency.broadcastId) {
        throw new ConflictError(
          'emergency.not-sent',
          emergency.status === 'cancelled' ? 'Tin khẩn cấp này đã được hủy, không cập nhật được' : 'Tin khẩn cấp chưa được phát: hãy rút lại và soạn tin mới',
        );
      }
      const by = this.personOf(actor, emergency, origin);
      const broadcast = (await this.broadcastRows.findById(emergency.broadcastId, m, true)) as BroadcastRow;
      if (broadcast.status === 'cancelled') throw new ConflictError('emergency.broadcast-cancelled', 'Lượt phát của tin khẩn cấp đã bị hủy, không cập nhật được');
      const message = await this.messages.lockInScope({ unitPath: emergency.unitPath }, emergency.messageId, m);
      if (!message) throw new NotFoundError('message');
      const previous = (await this.contents.version(message.id, emergency.messageVersion, m)) as VersionContent;
      const versionNo = message.currentVersion + 1;
      let renditions = emergencyRenditions(change.title, change.body, broadcast.smsMaxParts);
      if (broadcast.schedule.kind === 'recurring') renditions = withFirstIssue(renditions, firstIssuedAt(emergency), broadcast.timeZone, broadcast.smsMaxParts);
      await this.messages.insertVersion(
        message.id,
        versionNo,
        by.author,
        {
          title: change.title,
          body: change.body,
          contentGroup: previous.contentGroup as ContentGroup,
          reformAreas: [],
          indices: [],
          audiences: ['citizens'],
          priority: 'emergency',
          renditions,
          attachmentIds: [],
        },
        m,
      );
      await this.messages.markEdited(message.id, versionNo, m);
      await this.messages.markApproved(message.id, by.author, versionNo, m);
      await this.carryVersion(m, emergency.id, broadcast.id, versionNo);
      const followUp = await this.followUps.write(m, broadcast, 'update', change, by.author);
      const changeId = await this.changes.insert(m, {
        emergencyId: emergency.id,
        kind: 'update',
        messageVersion: versionNo,
        reason: null,
        origin: origin?.source ?? null,
        followUpBroadcastId: followUp?.broadcastId ?? null,
        createdBy: by.auditActor,
      });
      await this.audit.append(
        { actorId: by.auditActor, unitId: message.unitId, unitPath: message.unitPath, entityType: 'message', entityId: message.id, action: 'approve', versionNo, comment: 'Cập nhật tin khẩn cấp', data: { emergency: true, authorisation: 'emergency-update', changeId } },
        m,
      );
      await this.record(m, by.auditActor, emergency, 'update', null, {
        changeId,
        messageVersion: versionNo,
        broadcastId: broadcast.id,
        followUpBroadcastId: followUp?.broadcastId ?? null,
        followUpRecipients: followUp?.deliveries ?? 0,
        origin: origin?.source ?? null,
      });
      return { broadcast, followUp, changeId };
    });
    await this.propagation.afterUpdate(acted.changeId, acted.broadcast.id, acted.followUp);
    return this.view(actor, emergencyId);
  }

  /** The updates and the cancellation of an emergency in the caller's subtree, oldest first. */
  async list(actor: Actor, emergencyId: string): Promise<EmergencyChangeRow[]> {
    if (!(await this.emergencies.findInScope(actor, emergencyId))) throw new NotFoundError('emergency');
    return this.changes.ofEmergency(emergencyId);
  }

  async view(actor: Actor, emergencyId: string): Promise<EmergencyChangeView> {
    const emergency = await this.views.get(actor, emergencyId);
    return { ...emergency, changes: await this.changes.ofEmergency(emergencyId) };
  }

  private async beforeConfirmed(actor: Actor, id: string, password: string, clientIp: string): Promise<void> {
    assertSupervisor(actor);
    if (!(await this.emergencies.findInScope(actor, id))) throw new NotFoundError('emergency');
    await this.password.verify(actor, password, clientIp);
  }

  private async lock(actor: Actor, id: string, m: EntityManager): Promise<EmergencyRow> {
    const emergency = await this.emergencies.lockInScope(actor, id, m);
    if (!emergency) throw new NotFoundError('emergency');
    return emergency;
  }

  private async carryVersion(m: EntityManager, emergencyId: string, broadcastId: string, versionNo: number): Promise<void> {
    await this.changes.setMessageVersion(m, emergencyId, versionNo);
    await this.changes.carryVersion(m, broadcastId, versionNo);
  }

  /**
   * Who is recorded: the person (audit actor, author of rows that need one); for a system (origin
   * given) the audit names nobody and rows that must name an author name the emergency's creator.
   */
  private personOf(actor: Actor, emergency: EmergencyRow, origin?: ChangeOrigin): { auditActor: string | null; author: string } {
    return origin ? { auditActor: null, author: emergency.createdBy } : { auditActor: actor.userId, author: actor.userId };
  }

  private async record(m: EntityManager, actorId: string | null, e: EmergencyRow, action: string, comment: string | null, data: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actorId, unitId: e.unitId, unitPath: e.unitPath, entityType: 'emergency', entityId: e.id, action, comment, data }, m);
  }
}

/** When the emergency first went out: confirmed (second supervisor) or created (one supervisor). */
export function firstIssuedAt(e: Pick<EmergencyRow, 'confirmedAt' | 'createdAt'>): Date {
  return new Date(e.confirmedAt ?? e.createdAt);
}
