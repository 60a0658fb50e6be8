import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';

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
  actorUsername: string | null;
  unitId: string;
  /** Null once the unit is gone (a removed village). */
  unitName: string | null;
  entityType: string;
  entityId: string;
  action: string;
  versionNo: number | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export const AUDIT_SORT_FIELDS = ['occurredAt', 'action', 'entityType'] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  /** Only events of this unit's subtree (already resolved inside the caller's scope). */
  unitPath?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events strictly before this instant. */
  to?: Date;
  /** Newest first when not given. */
  sort?: { field: AuditSortField; direction: 'asc' | 'desc' };
}

const NEWEST_FIRST = { field: 'occurredAt', direction: 'desc' } as const;

/** The sort whitelist: API field → column and its type (for the keyset comparison of the export). */
const SORT_SQL: Record<AuditSortField, { column: string; type: string }> = {
  occurredAt: { column: 'e.occurred_at', type: 'timestamptz' },
  action: { column: 'e.action', type: 'text' },
  entityType: { column: 'e.entity_type', type: 'text' },
};

const ROW_COLUMNS = `e.id::text AS id, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", u.display_name AS "actorName",
  u.username AS "actorUsername", e.unit_id AS "unitId", au.full_name AS "unitName", e.entity_type AS "entityType",
  e.entity_id AS "entityId", e.action, e.version_no AS "versionNo", e.comment, e.data`;

const ROW_FROM = `FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN admin_unit au ON au.id = e.unit_id`;

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

  async list(scope: UnitScope, filter: AuditFilter & { limit: number; offset: number }): Promise<{ items: AuditRow[]; total: number }> {
    const { where, params } = whereOf(scope, filter);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_event e WHERE ${where}`, params);
    const sort = filter.sort ?? NEWEST_FIRST;
    const { column } = SORT_SQL[sort.field];
    const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const items: AuditRow[] = await this.db.query(
      `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${where}
        ORDER BY ${column} ${dir}, e.id ${dir}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { total, items };
  }

  /**
   * Every matching event in the list's order, one batch at a time: each batch starts after the last
   * row of the one before (keyset on the sort key and id), so memory holds one batch whatever the size
   * of the log, and rows appended meanwhile never shift a page.
   */
  async *batches(scope: UnitScope, filter: AuditFilter, batchSize: number): AsyncGenerator<AuditRow[]> {
    const { where, params } = whereOf(scope, filter);
    const sort = filter.sort ?? NEWEST_FIRST;
    const { column, type } = SORT_SQL[sort.field];
    const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const after = sort.direction === 'asc' ? '>' : '<';
    let last: { key: string; id: string } | null = null;
    for (;;) {
      const keyset: string = last ? ` AND (${column}, e.id) ${after} ($${params.length + 2}::${type}, $${params.length + 3}::bigint)` : '';
      const rows: (AuditRow & { sortKey: string })[] = await this.db.query(
        `SELECT ${ROW_COLUMNS}, ${column}::text AS "sortKey" ${ROW_FROM} WHERE ${where}${keyset}
          ORDER BY ${column} ${dir}, e.id ${dir}
          LIMIT $${params.length + 1}`,
        last ? [...params, batchSize, last.key, last.id] : [...params, batchSize],
      );
      if (rows.length === 0) return;
      const tail = rows[rows.length - 1];
      last = { key: tail.sortKey, id: tail.id };
      yield rows.map(({ sortKey: _sortKey, ...row }) => row);
      if (rows.length < batchSize) return;
    }
  }
}

/** The WHERE clause every read shares: the caller's subtree first, then each filter that is set. */
function whereOf(scope: UnitScope, filter: AuditFilter): { where: string; params: unknown[] } {
  const where = ['e.unit_path <@ $1::ltree'];
  const params: unknown[] = [scope.unitPath];
  const add = (sql: (p: string) => string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  add((p) => `e.unit_path <@ ${p}::ltree`, filter.unitPath);
  add((p) => `e.entity_type = ${p}`, filter.entityType);
  add((p) => `e.entity_id = ${p}`, filter.entityId);
  add((p) => `e.action = ${p}`, filter.action);
  add((p) => `e.actor_id = ${p}`, filter.actorId);
  add((p) => `e.occurred_at >= ${p}`, filter.from);
  add((p) => `e.occurred_at < ${p}`, filter.to);
  return { where: where.join(' AND '), params };
}
