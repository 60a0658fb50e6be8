import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, type Actor } from '#domain/index.js';
import { AuditRepository, TransactionRunner } from '#persistence/index.js';
import { MessageRepository, type MessageContent } from '#persistence/repositories/message.repository.js';
import { BroadcastsService, type WrittenBroadcast } from '#engine/broadcasts/broadcasts.service.js';
import { CapMessageRepository } from './cap-message.repository.js';
import { EmergenciesService, type EmergencyView } from './emergencies.service.js';
import { assertSupervisor, emergencyMessageContent, EmergencyPlanner, type PreparedEmergency } from './emergency-planner.js';
import { EmergencyChangeRepository } from './emergency-change.repository.js';
import { emergencyRenditions } from './emergency-renditions.js';
import { EmergencyRepository, type EmergencyRow } from './emergency.repository.js';
import { SupervisorPassword } from './supervisor-password.js';

/** Where an emergency came from, for the audit log: `{ kind, name, alertKey }`. */
export type CapOrigin = Record<string, unknown>;

/**
 * Emergencies that came in as CAP: written as drafts waiting for a supervisor, or (a source the
 * province trusts) sent at once on the source's authority; a draft changed by a later Update; and a
 * draft sent by a supervisor with their password, under the province's two-supervisor rule.
 */
@Injectable()
export class CapDraftsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly messages: MessageRepository,
    private readonly emergencies: EmergencyRepository,
    private readonly capMessages: CapMessageRepository,
    private readonly changes: EmergencyChangeRepository,
    private readonly planner: EmergencyPlanner,
    private readonly broadcasts: BroadcastsService,
    private readonly password: SupervisorPassword,
    private readonly views: EmergenciesService,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the message (draft) and the emergency (status draft) inside the caller's transaction. */
  async writeDraft(m: EntityManager, author: Actor, prepared: PreparedEmergency, origin: CapOrigin): Promise<{ id: string; messageId: string }> {
    const messageId = await this.messages.insert({ unitId: prepared.owner.id, authorId: author.userId, content: emergencyMessageContent(prepared) }, m);
    const unit = { unitId: prepared.owner.id, unitPath: prepared.owner.path };
    await this.record(m, author.userId, unit, 'message', messageId, 'create', { from: null, to: 'draft', emergency: true, cap: origin });
    const id = await this.capMessages.insertDraft(m, {
      messageId,
      unitId: prepared.owner.id,
      channels: prepared.request.channels,
      targetUnitIds: prepared.request.targets.unitIds,
      createdBy: author.userId,
    });
    await this.record(m, author.userId, unit, 'emergency', id, 'import', { messageId, cap: origin });
    return { id, messageId };
  }

  /** A trusted source's alert: the draft approved and sent at once on the source's authority (its service identity). */
  async writeTrustedSend(m: EntityManager, source: Actor, prepared: PreparedEmergency, origin: CapOrigin): Promise<{ id: string; written: WrittenBroadcast }> {
    const { id, messageId } = await this.writeDraft(m, source, prepared, origin);
    const unit = { unitId: prepared.owner.id, unitPath: prepared.owner.path };
    await this.messages.markSubmitted(messageId, prepared.owner.id, m);
    await this.messages.markApproved(messageId, source.userId, 1, m);
    await this.record(m, source.userId, unit, 'message', messageId, 'approve', { from: 'draft', to: 'approved', emergency: true, authorisation: 'trusted-source', cap: origin }, 'Nguồn CAP tin cậy: phát ngay');
    const written = await this.broadcasts.write(m, source, { ...prepared.request, messageId }, { ...prepared.validated, message: { ...prepared.validated.message, id: messageId } });
    await this.capMessages.leaveDraft(m, id, { status: 'sent', authorisation: 'trusted-source', requestedBy: source.userId, broadcastId: written.id });
    await this.record(m, source.userId, unit, 'emergency', id, 'send', { messageId, broadcastId: written.id, authorisation: 'trusted-source', cap: origin });
    return { id, written };
  }

  /** An Update of a draft: a new version of its message (still a draft), audited. */
  async writeDraftUpdate(m: EntityManager, emergency: EmergencyRow, change: { title: string; body: string }, authorId: string | null, origin: CapOrigin): Promise<void> {
    const message = await this.messages.lockInScope({ unitPath: emergency.unitPath }, emergency.messageId, m);
    if (!message || message.status !== 'draft') throw new ConflictError('emergency.not-draft', 'Bản nháp tin khẩn cấp đã được gửi duyệt hoặc sửa ở nơi khác');
    const versionNo = message.currentVersion + 1;
    const renditions = emergencyRenditions(change.title, change.body, this.config.sms.defaultMaxParts);
    const content: MessageContent = { title: change.title, body: change.body, contentGroup: 'local-responsibility', reformAreas: [], indices: [], audiences: ['citizens'], priority: 'emergency', renditions, attachmentIds: [] };
    await this.messages.insertVersion(message.id, versionNo, authorId ?? message.currentAuthorId, content, m);
    await this.messages.markEdited(message.id, versionNo, m);
    await this.changes.setMessageVersion(m, emergency.id, versionNo);
    const unit = { unitId: emergency.unitId, unitPath: emergency.unitPath };
    await this.record(m, authorId, unit, 'message', message.id, 'edit', { versionNo, emergency: true, cap: origin });
    await this.record(m, authorId, unit, 'emergency', emergency.id, 'update-draft', { messageVersion: versionNo, cap: origin });
  }

  /**
   * A supervisor sends an imported draft with their password. Where the province requires a second
   * supervisor it waits for one (POST /emergencies/{id}/confirm), this supervisor being the one who asked.
   */
  async send(actor: Actor, id: string, password: string, clientIp: string): Promise<EmergencyView> {
    assertSupervisor(actor);
    if (!(await this.emergencies.findInScope(actor, id))) throw new NotFoundError('emergency');
    await this.password.verify(actor, password, clientIp);
    const written = await this.transactions.run(async (m) => {
      const emergency = await this.emergencies.lockInScope(actor, id, m);
      if (!emergency) throw new NotFoundError('emergency');
      if (emergency.status !== 'draft') throw new ConflictError('emergency.not-draft', 'Tin khẩn cấp này không còn là bản nháp: đã được gửi hoặc đã hủy');
      const message = await this.messages.lockInScope(actor, emergency.messageId, m);
      if (!message || message.status !== 'draft' || message.currentVersion !== emergency.messageVersion) {
        throw new ConflictError('emergency.message-changed', 'Tin bài của bản nháp đã được gửi duyệt hoặc sửa ở nơi khác; hãy nhập lại tin CAP');
      }
      const unit = { unitId: emergency.unitId, unitPath: emergency.unitPath };
      const province = await this.emergencies.provinceOf(emergency.unitPath, m);
      const policy = province ? await this.emergencies.policy(province, m) : null;
      if (province && policy?.requireSecondSupervisor) {
        await this.messages.markSubmitted(message.id, province.id, m);
        await this.record(m, actor.userId, unit, 'message', message.id, 'submit', { from: 'draft', to: 'submitted', emergency: true, awaiting: 'second-supervisor' });
        await this.capMessages.leaveDraft(m, id, { status: 'awaiting-second-supervisor', authorisation: 'second-supervisor', requestedBy: actor.userId, broadcastId: null });
        await this.record(m, actor.userId, unit, 'emergency', id, 'request', { messageId: message.id, authorisation: 'second-supervisor', from: 'draft' });
        return null;
      }
      await this.messages.markSubmitted(message.id, emergency.unitId, m);
      await this.messages.markApproved(message.id, actor.userId, emergency.messageVersion, m);
      await this.record(m, actor.userId, unit, 'message', message.id, 'approve', { from: 'draft', to: 'approved', emergency: true, authorisation: 'self' }, 'Tự phê duyệt để phát khẩn cấp');
      const prepared = await this.planner.prepareStored(actor, emergency, m);
      const written = await this.broadcasts.write(m, actor, prepared.request, prepared.validated);
      await this.capMessages.leaveDraft(m, id, { status: 'sent', authorisation: 'self', requestedBy: actor.userId, broadcastId: written.id });
      await this.record(m, actor.userId, unit, 'emergency', id, 'send', { messageId: message.id, broadcastId: written.id, authorisation: 'self', from: 'draft' });
      return written;
    });
    if (written) await this.broadcasts.start(written);
    return this.views.get(actor, id);
  }

  private async record(
    m: EntityManager,
    actorId: string | null,
    unit: { unitId: string; unitPath: string },
    entityType: 'message' | 'emergency',
    entityId: string,
    action: string,
    data: Record<string, unknown>,
    comment: string | null = null,
  ): Promise<void> {
    await this.audit.append({ actorId, unitId: unit.unitId, unitPath: unit.unitPath, entityType, entityId, action, versionNo: entityType === 'message' ? Number(data.versionNo ?? 1) : null, comment, data }, m);
  }
}
