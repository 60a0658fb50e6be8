import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import type { EmergencyAuthorisation, EmergencyStatus } from '#persistence/index.js';

export interface EmergencyRow {
  id: string;
  messageId: string;
  messageVersion: number;
  unitId: string;
  unitPath: string;
  unitName: string;
  title: string;
  status: EmergencyStatus;
  /** null: an imported (CAP) draft not sent yet. */
  authorisation: EmergencyAuthorisation | null;
  channels: string[];
  targetUnitIds: string[];
  createdBy: string;
  createdByName: string | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  broadcastId: string | null;
  /** Repeats this often until repeatUntil or until withdrawn; null: once. */
  repeatEveryMinutes: number | null;
  repeatUntil: Date | null;
  createdAt: Date;
}

export type NewEmergency = Pick<EmergencyRow, 'messageId' | 'messageVersion' | 'unitId' | 'status' | 'authorisation' | 'channels' | 'targetUnitIds' | 'createdBy' | 'broadcastId'> &
  Partial<Pick<EmergencyRow, 'repeatEveryMinutes' | 'repeatUntil'>>;

export interface EmergencyPolicy {
  provinceId: string;
  provinceName: string;
  requireSecondSupervisor: boolean;
  updatedBy: string | null;
  updatedAt: Date | null;
}

const COLUMNS = `e.id, e.message_id AS "messageId", e.message_version AS "messageVersion", e.unit_id AS "unitId",
  au.path::text AS "unitPath", au.full_name AS "unitName", v.title, e.status, e.authorisation, e.channels,
  e.target_unit_ids::text[] AS "targetUnitIds", e.created_by AS "createdBy", author.display_name AS "createdByName",
  e.confirmed_by AS "confirmedBy", e.confirmed_at AS "confirmedAt", e.broadcast_id AS "broadcastId",
  e.repeat_every_minutes AS "repeatEveryMinutes", e.repeat_until AS "repeatUntil", e.created_at AS "createdAt"`;

const FROM = `FROM emergency e
  JOIN admin_unit au ON au.id = e.unit_id
  JOIN message_version v ON v.message_id = e.message_id AND v.version_no = e.message_version
  LEFT JOIN app_user author ON author.id = e.created_by`;

/** Emergencies and the per-province rule. Reads are scoped by the caller's subtree (the emergency's unit lies in it). */
@Injectable()
export class EmergencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, e: NewEmergency): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO emergency (message_id, message_version, unit_id, status, authorisation, channels, target_unit_ids, created_by, broadcast_id,
                              repeat_every_minutes, repeat_until)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::uuid[], $8, $9, $10, $11) RETURNING id`,
      [e.messageId, e.messageVersion, e.unitId, e.status, e.authorisation, e.channels, e.targetUnitIds, e.createdBy, e.broadcastId, e.repeatEveryMinutes ?? null, e.repeatUntil ?? null],
    );
    return id;
  }

  /** Locks the emergency for a confirmation; null when it is outside the scope or does not exist. */
  async lockInScope(scope: UnitScope, id: string, m: EntityManager): Promise<EmergencyRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} ${FROM} WHERE e.id = $1 AND au.path <@ $2::ltree FOR UPDATE OF e`, [id, scope.unitPath]);
    return row ?? null;
  }

  async findInScope(scope: UnitScope, id: string, m: EntityManager = this.db.manager): Promise<EmergencyRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} ${FROM} WHERE e.id = $1 AND au.path <@ $2::ltree`, [id, scope.unitPath]);
    return row ?? null;
  }

  async list(scope: UnitScope, filter: { status?: EmergencyStatus; limit: number; offset: number }): Promise<{ items: EmergencyRow[]; total: number }> {
    const where = `au.path <@ $1::ltree AND ($2::text IS NULL OR e.status = $2)`;
    const params = [scope.unitPath, filter.status ?? null];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM emergency e JOIN admin_unit au ON au.id = e.unit_id WHERE ${where}`, params);
    const items = await this.db.query(
      `SELECT ${COLUMNS} ${FROM} WHERE ${where} ORDER BY e.created_at DESC, e.id LIMIT $3 OFFSET $4`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** `messageVersion`: the version that went out, when confirming wrote a newer one than the waiting emergency's. */
  async markSent(m: EntityManager, id: string, confirmedBy: string, broadcastId: string, messageVersion?: number): Promise<void> {
    await m.query(
      `UPDATE emergency SET status = 'sent', confirmed_by = $2, confirmed_at = now(), broadcast_id = $3,
              message_version = COALESCE($4, message_version) WHERE id = $1`,
      [id, confirmedBy, broadcastId, messageVersion ?? null],
    );
  }

  /** The province a unit lies in (the unit itself when it is one); null above or outside any province. */
  async provinceOf(unitPath: string, m: EntityManager = this.db.manager): Promise<{ id: string; path: string; name: string } | null> {
    const [row] = await m.query(
      `SELECT id, path::text AS path, full_name AS name FROM admin_unit WHERE path @> $1::ltree AND level = 'province' ORDER BY depth DESC LIMIT 1`,
      [unitPath],
    );
    return row ?? null;
  }

  async policy(province: { id: string; name: string }, m: EntityManager = this.db.manager): Promise<EmergencyPolicy> {
    const [row] = await m.query(
      `SELECT require_second_supervisor AS "requireSecondSupervisor", updated_by AS "updatedBy", updated_at AS "updatedAt"
         FROM emergency_policy WHERE province_id = $1`,
      [province.id],
    );
    return { provinceId: province.id, provinceName: province.name, requireSecondSupervisor: row?.requireSecondSupervisor ?? false, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt ?? null };
  }

  async savePolicy(m: EntityManager, provinceId: string, requireSecondSupervisor: boolean, userId: string): Promise<void> {
    await m.query(
      `INSERT INTO emergency_policy (province_id, require_second_supervisor, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (province_id) DO UPDATE SET require_second_supervisor = EXCLUDED.require_second_supervisor,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [provinceId, requireSecondSupervisor, userId],
    );
  }
}
