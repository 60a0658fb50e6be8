import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, type FieldProblem } from '#domain/index.js';
import { capAlertKey, parseCapXml, type CapAlert } from '#emergencies/cap/index.js';
import { TransactionRunner } from '#persistence/index.js';
import type { WrittenBroadcast } from '#engine/broadcasts/broadcasts.service.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { CapDraftsService, type CapOrigin } from './cap-drafts.service.js';
import { acceptanceProblems, capProblemToField, incomingContent, namedGeocodes } from './cap-incoming.js';
import { CapMessageRepository, type CapMessageRow } from './cap-message.repository.js';
import { CapSourceIdentities, type CapSource } from './cap-source-identity.js';
import { EmergencyChangesService } from './emergency-changes.service.js';
import { EmergencyPlanner, type PreparedEmergency } from './emergency-planner.js';
import { EmergencyRepository } from './emergency.repository.js';

export type CapImportOutcome = 'draft' | 'sent' | 'updated' | 'cancelled' | 'duplicate';

export interface CapImportResult {
  outcome: CapImportOutcome;
  emergencyId: string;
  /** The CAP key ("sender,identifier,sent") of the message received. */
  alertKey: string;
}

/**
 * A CAP 1.2 message coming in (a supervisor's upload, a system's signed push, a polled feed). An
 * Alert becomes an emergency draft over the units its geocodes name (sent at once when the source is
 * trusted); an Update or Cancel acts on the emergency it references. Everything is checked before
 * anything is written: a refusal names the element and the rule and writes nothing. The message's
 * key ("sender,identifier,sent") is stored with a unique index, so the same message twice is one.
 */
@Injectable()
export class CapImportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly messages: CapMessageRepository,
    private readonly identities: CapSourceIdentities,
    private readonly planner: EmergencyPlanner,
    private readonly drafts: CapDraftsService,
    private readonly changes: EmergencyChangesService,
    private readonly emergencies: EmergencyRepository,
    private readonly broadcasts: BroadcastsService,
  ) {}

  async receive(source: CapSource, xml: string): Promise<CapImportResult> {
    const parsed = parseCapXml(xml);
    if (!parsed.ok) throw new InvalidInputError(parsed.problems.map(capProblemToField));
    const alert = parsed.alert;
    const refused = acceptanceProblems(alert);
    if (refused.length) throw new InvalidInputError(refused);
    const alertKey = capAlertKey(alert);
    const [seen] = await this.messages.findByKeys([alertKey]);
    if (seen) return this.duplicate(source, seen);
    const origin: CapOrigin = { kind: source.kind, name: source.name, alertKey };
    try {
      return alert.msgType === 'Alert' ? await this.receiveAlert(source, alert, xml, origin) : await this.receiveChange(source, alert, xml, origin);
    } catch (error) {
      // The same message received at the same moment by another request: it wrote first, this one wrote nothing.
      const [first] = error instanceof ConflictError && error.code === 'cap.duplicate' ? await this.messages.findByKeys([alertKey]) : [];
      if (first) return this.duplicate(source, first);
      throw error;
    }
  }

  private async receiveAlert(source: CapSource, alert: CapAlert, xml: string, origin: CapOrigin): Promise<CapImportResult> {
    const alertKey = origin.alertKey as string;
    const prepared = await this.prepare(source, alert);
    const { id, written } = await this.transactions.run(async (m) => {
      const actor = await this.identities.actorOf(m, source);
      const done = source.trusted && !source.person
        ? await this.drafts.writeTrustedSend(m, actor, prepared, origin)
        : { ...(await this.drafts.writeDraft(m, actor, prepared, origin)), written: null as WrittenBroadcast | null };
      await this.claim(m, source, alert, xml, done.id, actor.userId);
      return done;
    });
    if (written) await this.broadcasts.start(written);
    return { outcome: written ? 'sent' : 'draft', emergencyId: id, alertKey };
  }

  /** An Update or Cancel: the emergency its references name, changed by the source that issued it. */
  private async receiveChange(source: CapSource, alert: CapAlert, xml: string, origin: CapOrigin): Promise<CapImportResult> {
    const alertKey = origin.alertKey as string;
    const referenced = await this.messages.findByKeys(alert.references.map(capAlertKey));
    const emergencyIds = [...new Set(referenced.map((r) => r.emergencyId))];
    if (emergencyIds.length !== 1) {
      throw new InvalidInputError([
        emergencyIds.length === 0
          ? { field: 'alert/references', rule: 'unknown', message: 'không tham chiếu tin CAP nào đã nhận: không biết cập nhật hoặc hủy tin nào' }
          : { field: 'alert/references', rule: 'several', message: 'tham chiếu tin của nhiều tin khẩn cấp khác nhau' },
      ]);
    }
    if (!referenced.some((r) => r.sender === alert.sender)) {
      throw new InvalidInputError([{ field: 'alert/sender', rule: 'not-original-sender', message: `chỉ nơi đã phát tin (${referenced[0].sender}) mới cập nhật hoặc hủy được tin đó` }]);
    }
    const emergencyId = emergencyIds[0];
    const scope = this.identities.scopeOf(source);
    const emergency = await this.emergencies.findInScope(scope, emergencyId);
    if (!emergency) throw new InvalidInputError([{ field: 'alert/references', rule: 'in-scope', message: 'tin được tham chiếu không thuộc phạm vi của nguồn này' }]);
    if (emergency.status === 'cancelled') throw new ConflictError('emergency.cancelled', 'Tin khẩn cấp này đã được hủy');
    const content = alert.msgType === 'Update' ? incomingContent(alert) : null;
    if (content && 'problems' in content) throw new InvalidInputError(content.problems);
    const change = content ? { title: content.content.title, body: content.content.text } : null;

    if (change && emergency.status !== 'sent') {
      if (emergency.status !== 'draft') throw new ConflictError('emergency.awaiting', 'Tin khẩn cấp đang chờ lãnh đạo thứ hai xác nhận: không cập nhật được, hãy hủy và gửi tin mới');
      await this.transactions.run(async (m) => {
        const actor = await this.identities.actorOf(m, source);
        const locked = await this.emergencies.lockInScope(scope, emergencyId, m);
        if (locked?.status !== 'draft') throw new ConflictError('emergency.not-draft', 'Tin khẩn cấp này không còn là bản nháp');
        await this.drafts.writeDraftUpdate(m, locked, change, source.person ? actor.userId : null, origin);
        await this.claim(m, source, alert, xml, emergencyId, actor.userId);
      });
      return { outcome: 'updated', emergencyId, alertKey };
    }
    // The change itself is the emergency service's (it reaches every channel): the key is claimed first, released if the change fails.
    const claimId = await this.transactions.run(async (m) => this.claim(m, source, alert, xml, emergencyId, source.person?.userId ?? null));
    try {
      const systemOrigin = source.person ? undefined : { source: `cap:${alert.sender}` };
      const actor = source.person ?? scope;
      const view = change
        ? await this.changes.update(actor, emergencyId, change, systemOrigin)
        : await this.changes.cancel(actor, emergencyId, alert.infos[0]?.description?.trim() || alert.note?.trim() || null, systemOrigin);
      const made = view.changes.at(-1);
      if (made) await this.transactions.run((m) => this.messages.setChange(m, claimId, made.id));
    } catch (error) {
      await this.messages.deleteClaim(claimId);
      throw error;
    }
    return { outcome: change ? 'updated' : 'cancelled', emergencyId, alertKey };
  }

  /** Checks the alert's content and area against the unit tree and the source's subtree, and plans the emergency; writes nothing. */
  private async prepare(source: CapSource, alert: CapAlert): Promise<PreparedEmergency> {
    const content = incomingContent(alert);
    if ('problems' in content) throw new InvalidInputError(content.problems);
    const { named, problems } = namedGeocodes(alert);
    if (problems.length) throw new InvalidInputError(problems);
    const units = await this.messages.unitsByCode(named.map((n) => n.unit));
    const unitIds: string[] = [];
    const elements: string[] = [];
    const refused: FieldProblem[] = [];
    for (const { unit: ref, element } of named) {
      const unit = units.find((u) => u.source === ref.source && u.code === ref.code);
      if (!unit) refused.push({ field: element, rule: 'unknown-geocode', message: `không có đơn vị hành chính mã ${ref.code} trong danh mục ${ref.source === 'vn-2025' ? 'VN-DVHC-2025' : 'VN-DVHC-PRE2025'}` });
      else if (!isUnder(unit.path, source.unit.path)) refused.push({ field: element, rule: 'in-scope', message: `${unit.name} không thuộc phạm vi của ${source.name}` });
      else if (!unitIds.includes(unit.id)) {
        unitIds.push(unit.id);
        elements.push(element);
      }
    }
    if (refused.length) throw new InvalidInputError(refused);
    const at = `alert/info[${content.content.info}]`;
    try {
      return await this.planner.prepare(this.identities.scopeOf(source), { title: content.content.title, text: content.content.text, unitIds });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const unitAt = (field: string) => elements[Number(/^unitIds\[(\d+)\]/.exec(field)?.[1] ?? -1)];
      const element = (field: string) => (field === 'title' ? `${at}/headline` : field === 'text' ? `${at}/description` : (unitAt(field) ?? field));
      throw new InvalidInputError(error.details.map((d) => ({ ...d, field: element(d.field) })));
    }
  }

  /** Stores the message received; a concurrent copy of it makes this a duplicate (and the transaction rolls back). */
  private async claim(m: Parameters<CapMessageRepository['insert']>[0], source: CapSource, alert: CapAlert, xml: string, emergencyId: string, createdBy: string | null): Promise<string> {
    const id = await this.messages.insert(m, {
      emergencyId,
      changeId: null,
      direction: 'in',
      source: source.kind,
      sourceRef: source.ref,
      sender: alert.sender,
      identifier: alert.identifier,
      sent: alert.sent,
      msgType: alert.msgType as CapMessageRow['msgType'],
      alertKey: capAlertKey(alert),
      xml,
      createdBy,
    });
    if (!id) throw new ConflictError('cap.duplicate', `Tin CAP này (${capAlertKey(alert)}) đã được nhận`);
    return id;
  }

  /** The same message again: an upload is told so (409); a system or a feed gets the emergency it already made. */
  private duplicate(source: CapSource, seen: CapMessageRow): CapImportResult {
    if (source.kind === 'upload') throw new ConflictError('cap.duplicate', `Tin CAP này (${seen.alertKey}) đã được nhận trước đây; xem tin khẩn cấp đã tạo từ nó`);
    return { outcome: 'duplicate', emergencyId: seen.emergencyId, alertKey: seen.alertKey };
  }
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}
