import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { NotFoundError, type Actor } from '#domain/index.js';
import { capAlertKey, parseCapXml, toCapAtomFeed, toCapDateTime, toCapXml, unitGeocode, type CapAlert } from '#emergencies/cap/index.js';
import { TransactionRunner } from '#persistence/index.js';
import { capIdentifier, capSender, DEFAULT_EVENT_PROFILE, outgoingAlert, type CapEventProfile, type OutgoingMessage } from './cap-outgoing.js';
import { CapMessageRepository, type CapMessageRow, type ExportSource } from './cap-message.repository.js';
import { EmergencyChangeRepository } from './emergency-change.repository.js';
import { EmergencyRepository } from './emergency.repository.js';

const FEED_SIZE = 50;

export interface CapDocument {
  body: string;
  lastModified: Date;
}

/**
 * Every emergency that went out is a CAP 1.2 Alert, and each of its changes an Update or a Cancel
 * referencing the Alert and the messages before it. Messages are written once, the first time they
 * are asked for (a feed read, an alert fetched), from the emergency's rows, and kept in cap_message
 * so their identifier, sent time and text never change afterwards.
 */
@Injectable()
export class CapExportService {
  constructor(
    private readonly messages: CapMessageRepository,
    private readonly changes: EmergencyChangeRepository,
    private readonly emergencies: EmergencyRepository,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The emergency's messages out, written first where missing; [] while it has not gone out. */
  async ensureOut(emergencyId: string): Promise<CapMessageRow[]> {
    const source = await this.messages.exportSource(emergencyId);
    if (!source) return [];
    const existing = await this.messages.outOf(emergencyId);
    const changes = await this.changes.ofEmergency(emergencyId);
    if (existing.some((m) => m.changeId === null) && changes.every((c) => existing.some((m) => m.changeId === c.id))) return existing;
    const profile = await this.profileOf(source);
    const areas = (await this.messages.targetAreas(source.targetUnitIds)).map((a) => ({ name: a.name, geocode: a.source && a.code ? unitGeocode({ source: a.source, code: a.code }) : null }));
    const base = { senderName: source.unitName, areas, profile };
    const sender = capSender(this.config.publicBaseUrl);
    const firstUpdate = changes.find((c) => c.kind === 'update');
    const alertVersion = firstUpdate ? firstUpdate.messageVersion - 1 : source.messageVersion;
    const plan: { changeId: string | null; message: OutgoingMessage }[] = [
      {
        changeId: null,
        message: { ...base, ...(await this.messages.versionText(source.messageId, alertVersion)), sender, identifier: capIdentifier(source.id), sent: toCapDateTime(source.sentAt), msgType: 'Alert', earlier: [] },
      },
    ];
    for (const change of changes) {
      plan.push({
        changeId: change.id,
        message: {
          ...base,
          ...(await this.messages.versionText(source.messageId, change.messageVersion)),
          sender,
          identifier: capIdentifier(change.id),
          sent: toCapDateTime(change.createdAt),
          msgType: change.kind === 'cancel' ? 'Cancel' : 'Update',
          earlier: [],
          reason: change.reason,
        },
      });
    }
    await this.transactions.run(async (m) => {
      const issued = await this.messages.outOf(emergencyId, m);
      const earlier: OutgoingMessage['earlier'] = issued.filter((r) => r.changeId === null);
      for (const { changeId, message } of plan) {
        const done = issued.find((r) => r.changeId === changeId);
        if (done) {
          if (changeId !== null) earlier.push(done);
          continue;
        }
        const alert = outgoingAlert({ ...message, earlier: [...earlier] });
        await this.messages.insert(m, {
          emergencyId,
          changeId,
          direction: 'out',
          source: null,
          sourceRef: null,
          sender: alert.sender,
          identifier: alert.identifier,
          sent: alert.sent,
          msgType: message.msgType,
          alertKey: capAlertKey(alert),
          xml: toCapXml(alert),
          createdBy: null,
        });
        earlier.push(alert);
      }
    });
    return this.messages.outOf(emergencyId);
  }

  /** The CAP messages of an emergency in the caller's subtree: those received, and those issued (with their public URL). */
  async messagesOf(actor: Actor, emergencyId: string): Promise<(CapMessageRow & { url: string | null })[]> {
    if (!(await this.emergencies.findInScope(actor, emergencyId))) throw new NotFoundError('emergency');
    await this.ensureOut(emergencyId);
    const rows = await this.messages.ofEmergency(emergencyId);
    return rows.map((r) => ({ ...r, url: r.direction === 'out' ? capAlertUrl(this.config.publicBaseUrl, r.id) : null }));
  }

  /** One message out, as served at its public URL. */
  async alertDocument(messageId: string): Promise<CapDocument> {
    const row = await this.messages.outDocument(messageId);
    if (!row) throw new NotFoundError('emergency');
    return { body: row.xml, lastModified: row.createdAt };
  }

  /** The emergency's latest message out (its Alert, or its last Update or Cancel). */
  async emergencyDocument(emergencyId: string): Promise<CapDocument> {
    const out = await this.ensureOut(emergencyId);
    const last = out.at(-1);
    if (!last) throw new NotFoundError('emergency');
    return this.alertDocument(last.id);
  }

  /** An Atom index of the CAP messages over a unit (targets at or above it) or, with subtree, also under it. */
  async unitFeed(unitId: string, subtree: boolean): Promise<CapDocument> {
    const unit = await this.messages.unitRef(unitId);
    if (!unit) throw new NotFoundError('unit');
    const ids = await this.messages.feedEmergencies(unit.path, subtree, FEED_SIZE);
    for (const id of await this.messages.missingOut(ids)) await this.ensureOut(id);
    const docs = ids.length ? await this.messages.outDocuments(ids, FEED_SIZE) : [];
    const base = this.config.publicBaseUrl;
    const selfUrl = `${base}/feeds/units/${unit.id}/cap.atom${subtree ? '?subtree=1' : ''}`;
    const entries = docs.map((d) => ({ alert: (parseCapXml(d.xml) as { alert: CapAlert }).alert, url: capAlertUrl(base, d.id) }));
    return {
      body: toCapAtomFeed({ id: selfUrl, title: `Cảnh báo khẩn cấp (CAP) — ${unit.name}${subtree ? ' và các đơn vị trực thuộc' : ''}`, selfUrl, authorName: 'tincoso', entries }),
      lastModified: docs.reduce((latest, d) => (d.createdAt > latest ? d.createdAt : latest), new Date(0)),
    };
  }

  /** An imported emergency keeps the event its source described; tincoso's own use the title. */
  private async profileOf(source: ExportSource): Promise<CapEventProfile> {
    const xml = await this.messages.receivedAlertXml(source.id);
    const parsed = xml ? parseCapXml(xml) : null;
    const info = parsed?.ok ? parsed.alert.infos[0] : undefined;
    if (info) return { categories: info.categories, event: info.event, urgency: info.urgency, severity: info.severity, certainty: info.certainty };
    const { title } = await this.messages.versionText(source.messageId, 1);
    return { ...DEFAULT_EVENT_PROFILE, event: title };
  }
}

export function capAlertUrl(publicBaseUrl: string, messageId: string): string {
  return `${publicBaseUrl}/public/cap/alerts/${messageId}`;
}
