import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitSource } from '#domain/index.js';
import type { CapMessageDirection, CapMessageSource, EmergencyAuthorisation, EmergencyStatus } from '#persistence/index.js';

export interface CapMessageRow {
  id: string;
  emergencyId: string;
  changeId: string | null;
  direction: CapMessageDirection;
  source: CapMessageSource | null;
  sender: string;
  identifier: string;
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  alertKey: string;
  createdAt: Date;
}

export type NewCapMessage = Omit<CapMessageRow, 'id' | 'createdAt'> & { sourceRef: string | null; xml: string; createdBy: string | null };

/** What an emergency's CAP messages are made of. */
export interface ExportSource {
  id: string;
  status: EmergencyStatus;
  messageId: string;
  messageVersion: number;
  unitName: string;
  targetUnitIds: string[];
  /** When its broadcast was written: the Alert's `sent`. */
  sentAt: Date;
}

/** A unit an alert names, and the official code it (or, for a village, its nearest ancestor) carries. */
export interface TargetArea {
  id: string;
  name: string;
  source: UnitSource | null;
  code: string | null;
}

export interface CodedUnit {
  id: string;
  path: string;
  name: string;
  source: UnitSource;
  code: string;
}

const COLUMNS = `m.id, m.emergency_id AS "emergencyId", m.change_id AS "changeId", m.direction, m.source, m.sender, m.identifier,
  m.sent, m.msg_type AS "msgType", m.alert_key AS "alertKey", m.created_at AS "createdAt"`;

/** Reads are public only for what went out; imports look messages up by their key ("sender,identifier,sent"). */
@Injectable()
export class CapMessageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts unless a message with the same key exists; the new id, or null when it did. */
  async insert(m: EntityManager, row: NewCapMessage): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO cap_message (emergency_id, change_id, direction, source, source_ref, sender, identifier, sent, msg_type, alert_key, xml, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [row.emergencyId, row.changeId, row.direction, row.source, row.sourceRef, row.sender, row.identifier, row.sent, row.msgType, row.alertKey, row.xml, row.createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async setChange(m: EntityManager, id: string, changeId: string): Promise<void> {
    await m.query(`UPDATE cap_message SET change_id = $2 WHERE id = $1`, [id, changeId]);
  }

  async deleteClaim(id: string): Promise<void> {
    await this.db.query(`DELETE FROM cap_message WHERE id = $1 AND change_id IS NULL AND direction = 'in'`, [id]);
  }

  async findByKeys(keys: string[], m: EntityManager = this.db.manager): Promise<CapMessageRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM cap_message m WHERE m.alert_key = ANY($1::text[])`, [keys]);
  }

  /** An emergency's messages out, in the order they were issued: its Alert, then one per change. */
  async outOf(emergencyId: string, m: EntityManager = this.db.manager): Promise<CapMessageRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM cap_message m LEFT JOIN emergency_change c ON c.id = m.change_id
        WHERE m.emergency_id = $1 AND m.direction = 'out' ORDER BY (m.change_id IS NOT NULL), c.created_at, c.id`,
      [emergencyId],
    );
  }

  /** Every message of an emergency, received and issued, oldest first. */
  async ofEmergency(emergencyId: string): Promise<CapMessageRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM cap_message m WHERE m.emergency_id = $1 ORDER BY m.created_at, m.id`, [emergencyId]);
  }

  /** The first Alert received for the emergency (an imported one keeps its category, event, urgency...). */
  async receivedAlertXml(emergencyId: string, m: EntityManager = this.db.manager): Promise<string | null> {
    const [row] = await m.query(
      `SELECT xml FROM cap_message WHERE emergency_id = $1 AND direction = 'in' AND msg_type = 'Alert' ORDER BY created_at LIMIT 1`,
      [emergencyId],
    );
    return row?.xml ?? null;
  }

  /** The document of a message that went out. */
  async outDocument(id: string): Promise<{ xml: string; createdAt: Date; emergencyId: string } | null> {
    const [row] = await this.db.query(`SELECT xml, created_at AS "createdAt", emergency_id AS "emergencyId" FROM cap_message WHERE id = $1 AND direction = 'out'`, [id]);
    return row ?? null;
  }

  async outDocuments(emergencyIds: string[], limit: number): Promise<{ id: string; xml: string; createdAt: Date }[]> {
    return this.db.query(
      `SELECT id, xml, created_at AS "createdAt" FROM cap_message WHERE direction = 'out' AND emergency_id = ANY($1::uuid[])
        ORDER BY created_at DESC, id LIMIT $2`,
      [emergencyIds, limit],
    );
  }

  /** An emergency that went out (it has a broadcast), with what its CAP messages need. */
  async exportSource(emergencyId: string, m: EntityManager = this.db.manager): Promise<ExportSource | null> {
    const [row] = await m.query(
      `SELECT e.id, e.status, e.message_id AS "messageId", e.message_version AS "messageVersion", au.full_name AS "unitName",
              e.target_unit_ids::text[] AS "targetUnitIds", b.created_at AS "sentAt"
         FROM emergency e JOIN admin_unit au ON au.id = e.unit_id JOIN broadcast b ON b.id = e.broadcast_id
        WHERE e.id = $1`,
      [emergencyId],
    );
    return row ?? null;
  }

  async versionText(messageId: string, versionNo: number, m: EntityManager = this.db.manager): Promise<{ title: string; body: string }> {
    const [row] = await m.query(`SELECT title, body FROM message_version WHERE message_id = $1 AND version_no = $2`, [messageId, versionNo]);
    return row;
  }

  async targetAreas(unitIds: string[], m: EntityManager = this.db.manager): Promise<TargetArea[]> {
    return m.query(
      `SELECT u.id, u.full_name AS name, c.source, c.code
         FROM admin_unit u
         LEFT JOIN LATERAL (SELECT a.source, a.code FROM admin_unit a WHERE a.path @> u.path AND a.code IS NOT NULL ORDER BY a.depth DESC LIMIT 1) c ON true
        WHERE u.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], u.id)`,
      [unitIds],
    );
  }

  /** Emergencies that went out over the unit (a target is the unit or above it) or, with subtree, anywhere under it; newest first. */
  async feedEmergencies(unitPath: string, subtree: boolean, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT e.id FROM emergency e
        WHERE e.broadcast_id IS NOT NULL AND e.status IN ('sent', 'cancelled')
          AND EXISTS (SELECT 1 FROM admin_unit t WHERE t.id = ANY(e.target_unit_ids) AND (t.path @> $1::ltree OR ($2 AND t.path <@ $1::ltree)))
        ORDER BY e.created_at DESC, e.id LIMIT $3`,
      [unitPath, subtree, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Of these emergencies, those with a message not written yet (no Alert out, or a change without its Update/Cancel). */
  async missingOut(emergencyIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT e.id FROM emergency e WHERE e.id = ANY($1::uuid[])
          AND (NOT EXISTS (SELECT 1 FROM cap_message m WHERE m.emergency_id = e.id AND m.direction = 'out' AND m.change_id IS NULL)
               OR EXISTS (SELECT 1 FROM emergency_change c WHERE c.emergency_id = e.id
                           AND NOT EXISTS (SELECT 1 FROM cap_message m WHERE m.change_id = c.id AND m.direction = 'out')))`,
      [emergencyIds],
    );
    return rows.map((r) => r.id);
  }

  /** Official units by list and code; those not found are absent. */
  async unitsByCode(refs: { source: UnitSource; code: string }[], m: EntityManager = this.db.manager): Promise<CodedUnit[]> {
    if (refs.length === 0) return [];
    return m.query(
      `SELECT u.id, u.path::text AS path, u.full_name AS name, u.source, u.code
         FROM admin_unit u JOIN unnest($1::text[], $2::text[]) AS r(source, code) ON u.source = r.source AND u.code = r.code`,
      [refs.map((r) => r.source), refs.map((r) => r.code)],
    );
  }

  async unitRef(unitId: string, m: EntityManager = this.db.manager): Promise<{ id: string; path: string; name: string } | null> {
    const [row] = await m.query(`SELECT id, path::text AS path, full_name AS name FROM admin_unit WHERE id = $1`, [unitId]);
    return row ?? null;
  }

  async insertDraft(
    m: EntityManager,
    e: { messageId: string; unitId: string; channels: string[]; targetUnitIds: string[]; createdBy: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO emergency (message_id, message_version, unit_id, status, authorisation, channels, target_unit_ids, created_by)
       VALUES ($1, 1, $2, 'draft', NULL, $3::text[], $4::uuid[], $5) RETURNING id`,
      [e.messageId, e.unitId, e.channels, e.targetUnitIds, e.createdBy],
    );
    return id;
  }

  /** A draft leaves 'draft': sent (with its broadcast) or waiting for a second supervisor; `requestedBy` is who asked. */
  async leaveDraft(
    m: EntityManager,
    id: string,
    to: { status: 'sent' | 'awaiting-second-supervisor'; authorisation: EmergencyAuthorisation; requestedBy: string; broadcastId: string | null },
  ): Promise<void> {
    await m.query(`UPDATE emergency SET status = $2, authorisation = $3, created_by = $4, broadcast_id = $5 WHERE id = $1 AND status = 'draft'`, [
      id,
      to.status,
      to.authorisation,
      to.requestedBy,
      to.broadcastId,
    ]);
  }
}
