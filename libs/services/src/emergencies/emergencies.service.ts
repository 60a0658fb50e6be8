import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenActionError, NotFoundError, type Actor } from '#domain/index.js';
import { AuditRepository, BroadcastRepository, TransactionRunner, type BroadcastRow, type EmergencyStatus } from '#persistence/index.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { BroadcastsService, type WrittenBroadcast } from '#engine/broadcasts/broadcasts.service.js';
import { assertSupervisor, emergencyMessageContent, EmergencyPlanner, type EmergencyInput, type PreparedEmergency } from './emergency-planner.js';
import { EmergencyRepository, type EmergencyRow } from './emergency.repository.js';
import { SupervisorPassword } from './supervisor-password.js';

export interface EmergencyView extends EmergencyRow {
  /** The broadcast once it went out; null while it waits for a second supervisor. */
  broadcast: BroadcastRow | null;
}

/**
 * "Phát khẩn cấp": a supervisor's title and text go out on every channel in one action. The
 * message, its approval and the broadcast (priority 'emergency', due now) are written in one
 * transaction, audited, and only then is any work enqueued. Where the province requires it, the
 * emergency waits until another supervisor confirms it with their password.
 */
@Injectable()
export class EmergenciesService {
  constructor(
    private readonly planner: EmergencyPlanner,
    private readonly password: SupervisorPassword,
    private readonly transactions: TransactionRunner,
    private readonly messages: MessageRepository,
    private readonly emergencies: EmergencyRepository,
    private readonly broadcastRows: BroadcastRepository,
    private readonly broadcasts: BroadcastsService,
    private readonly audit: AuditRepository,
  ) {}

  async send(actor: Actor, input: EmergencyInput, password: string, clientIp: string): Promise<EmergencyView> {
    assertSupervisor(actor);
    // The password's hash check (argon2, ~100 ms) and the preparation run together: preparing writes
    // nothing but starts the speech render (a cache keyed by the text), which the stations wait for.
    // A wrong password is still the error reported, whatever the preparation found.
    const [verified, preparing] = await Promise.allSettled([this.password.verify(actor, password, clientIp), this.planner.prepare(actor, input)]);
    if (verified.status === 'rejected') throw verified.reason;
    if (preparing.status === 'rejected') throw preparing.reason;
    const prepared = preparing.value;
    const twoRequired = prepared.policy?.requireSecondSupervisor ?? false;
    const { id, written } = await this.transactions.run(async (m) => {
      const messageId = await this.messages.insert({ unitId: prepared.owner.id, authorId: actor.userId, content: emergencyMessageContent(prepared) }, m);
      const message = { id: messageId, unitId: prepared.owner.id, unitPath: prepared.owner.path };
      await this.recordMessage(m, actor, message, 'create', { from: null, to: 'draft', emergency: true });
      if (twoRequired) {
        await this.messages.markSubmitted(messageId, prepared.policy?.provinceId as string, m);
        await this.recordMessage(m, actor, message, 'submit', { from: 'draft', to: 'submitted', emergency: true, awaiting: 'second-supervisor' });
        const id = await this.emergencies.insert(m, newEmergency(actor, prepared, messageId, 'awaiting-second-supervisor', null));
        await this.recordEmergency(m, actor, message, id, 'request', { messageId, authorisation: 'second-supervisor' });
        return { id, written: null };
      }
      await this.messages.markSubmitted(messageId, prepared.owner.id, m);
      await this.messages.markApproved(messageId, actor.userId, 1, m);
      await this.recordMessage(m, actor, message, 'approve', { from: 'draft', to: 'approved', emergency: true, authorisation: 'self' }, 'Tự phê duyệt để phát khẩn cấp');
      const written = await this.broadcasts.write(m, actor, { ...prepared.request, messageId }, { ...prepared.validated, message: { ...prepared.validated.message, id: messageId } });
      const id = await this.emergencies.insert(m, newEmergency(actor, prepared, messageId, 'sent', written.id));
      await this.recordEmergency(m, actor, message, id, 'send', { messageId, broadcastId: written.id, authorisation: 'self' });
      return { id, written };
    });
    return this.viewAfter(actor, id, written);
  }

  /** A second supervisor (not the author) confirms a waiting emergency with their password; it goes out at once. */
  async confirm(actor: Actor, id: string, password: string, clientIp: string): Promise<EmergencyView> {
    assertSupervisor(actor);
    if (!(await this.emergencies.findInScope(actor, id))) throw new NotFoundError('emergency');
    await this.password.verify(actor, password, clientIp);
    const written = await this.transactions.run(async (m) => {
      const emergency = await this.emergencies.lockInScope(actor, id, m);
      if (!emergency) throw new NotFoundError('emergency');
      if (emergency.status !== 'awaiting-second-supervisor') throw new ConflictError('emergency.not-awaiting', 'Tin khẩn cấp này đã được phát');
      if (emergency.createdBy === actor.userId) {
        throw new ForbiddenActionError('emergency.same-supervisor', 'Tỉnh yêu cầu một lãnh đạo khác xác nhận: người soạn tin khẩn cấp không tự xác nhận được');
      }
      const message = await this.messages.lockInScope(actor, emergency.messageId, m);
      if (!message || message.currentVersion !== emergency.messageVersion || message.status !== 'submitted') {
        throw new ConflictError('emergency.message-changed', 'Tin bài của tin khẩn cấp đã bị sửa sau khi gửi; hãy soạn lại tin khẩn cấp');
      }
      const versionNo = await this.planner.restateFirstIssue(emergency, actor.userId, m);
      await this.messages.markApproved(message.id, actor.userId, versionNo, m);
      await this.recordMessage(m, actor, message, 'approve', { from: 'submitted', to: 'approved', emergency: true, authorisation: 'second-supervisor', requestedBy: emergency.createdBy });
      const written = await this.writeBroadcast(m, actor, { ...emergency, messageVersion: versionNo });
      await this.emergencies.markSent(m, id, actor.userId, written.id, versionNo);
      await this.recordEmergency(m, actor, message, id, 'confirm', { messageId: message.id, broadcastId: written.id, authorisation: 'second-supervisor', requestedBy: emergency.createdBy });
      return written;
    });
    return this.viewAfter(actor, id, written);
  }

  async list(actor: Actor, filter: { status?: EmergencyStatus; limit: number; offset: number }): Promise<{ items: EmergencyRow[]; total: number }> {
    return this.emergencies.list(actor, filter);
  }

  async get(actor: Actor, id: string): Promise<EmergencyView> {
    const row = await this.emergencies.findInScope(actor, id);
    if (!row) throw new NotFoundError('emergency');
    return { ...row, broadcast: row.broadcastId ? await this.broadcastRows.findById(row.broadcastId) : null };
  }

  /** The waiting emergency's broadcast, checked again now (a channel may have gone away since it was written). */
  private async writeBroadcast(m: EntityManager, actor: Actor, emergency: EmergencyRow): Promise<WrittenBroadcast> {
    const prepared = await this.planner.prepareStored(actor, emergency, m);
    return this.broadcasts.write(m, actor, prepared.request, prepared.validated);
  }

  private async viewAfter(actor: Actor, id: string, written: WrittenBroadcast | null): Promise<EmergencyView> {
    const broadcast = written ? await this.broadcasts.start(written) : null;
    const row = (await this.emergencies.findInScope(actor, id)) as EmergencyRow;
    return { ...row, broadcast };
  }

  private async recordMessage(
    m: EntityManager,
    actor: Actor,
    message: { id: string; unitId: string; unitPath: string },
    action: string,
    data: Record<string, unknown>,
    comment: string | null = null,
  ): Promise<void> {
    await this.audit.append({ actorId: actor.userId, unitId: message.unitId, unitPath: message.unitPath, entityType: 'message', entityId: message.id, action, versionNo: 1, comment, data }, m);
  }

  private async recordEmergency(m: EntityManager, actor: Actor, unit: { unitId: string; unitPath: string }, id: string, action: string, data: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actorId: actor.userId, unitId: unit.unitId, unitPath: unit.unitPath, entityType: 'emergency', entityId: id, action, data }, m);
  }
}

function newEmergency(actor: Actor, prepared: PreparedEmergency, messageId: string, status: EmergencyStatus, broadcastId: string | null) {
  return {
    messageId,
    messageVersion: 1,
    unitId: prepared.owner.id,
    status,
    authorisation: status === 'sent' ? ('self' as const) : ('second-supervisor' as const),
    channels: prepared.request.channels,
    targetUnitIds: prepared.request.targets.unitIds,
    createdBy: actor.userId,
    broadcastId,
    repeatEveryMinutes: prepared.repeat?.everyMinutes ?? null,
    repeatUntil: prepared.request.schedule.kind === 'recurring' && prepared.request.schedule.until ? new Date(prepared.request.schedule.until) : null,
  };
}
