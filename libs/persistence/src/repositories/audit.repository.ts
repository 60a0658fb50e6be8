import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '../../../domain/src/index.js';

export interface AuditEntry {
  actorId: string | null;
  unitId: string;
  unitPath: string;
  entityType: string;
  entityId: string;
  action: string;
  versionNo?: number | null;
  comment?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  unitId: string;
  entityType: string;
  entityId: string;
  action: string;
  versionNo: number | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  limit: number;
  offset: number;
}

/** The append-only audit log. Writes join the caller's transaction so an action and its record commit together. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (actor_id, unit_id, unit_path, entity_type, entity_id, action, version_no, comment, data)
       VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, $8, $9)`,
      [
        entry.actorId,
        entry.unitId,
        entry.unitPath,
        entry.entityType,
        entry.entityId,
        entry.action,
        entry.versionNo ?? null,
        entry.comment ?? null,
        JSON.stringify(entry.data ?? {}),
      ],
    );
  }

  async list(scope: UnitScope, filter: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    const where = ['e.unit_path <@ $1::ltree'];
    const params: unknown[] = [scope.unitPath];
    for (const [column, value] of [
      ['entity_type', filter.entityType],
      ['entity_id', filter.entityId],
      ['action', filter.action],
    ] as const) {
      if (value !== undefined) {
        params.push(value);
        where.push(`e.${column} = $${params.length}`);
      }
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_event e WHERE ${whereSql}`, params);
    const rows = await this.db.query(
      `SELECT e.id::text, e.occurred_at, e.actor_id, u.display_name AS actor_name, e.unit_id, e.entity_type, e.entity_id,
              e.action, e.version_no, e.comment, e.data
         FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE ${whereSql}
        ORDER BY e.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return {
      total,
      items: rows.map((r: Record<string, unknown>) => ({
        id: r.id as string,
        occurredAt: r.occurred_at as Date,
        actorId: r.actor_id as string | null,
        actorName: r.actor_name as string | null,
        unitId: r.unit_id as string,
        entityType: r.entity_type as string,
        entityId: r.entity_id as string,
        action: r.action as string,
        versionNo: r.version_no as number | null,
        comment: r.comment as string | null,
        data: r.data as Record<string, unknown>,
      })),
    };
  }
}
