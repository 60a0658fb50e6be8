import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import type { ActivityKind } from '#domain/plans/index.js';
import { returning } from '#persistence/returning.js';
import { containsPattern, foldedSql } from '#persistence/vietnamese-search.js';

export interface ActivityView {
  id: string;
  unitId: string;
  unitName: string;
  kind: ActivityKind;
  title: string;
  occurredOn: string;
  place: string;
  participants: number;
  contentGroups: string[];
  attachmentIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ActivityFields {
  kind: string;
  title: string;
  occurredOn: string;
  place: string;
  participants: number;
  contentGroups: string[];
  attachmentIds: string[];
}

export const ACTIVITY_SORT_FIELDS = ['occurredOn', 'participants', 'createdAt'] as const;
export type ActivitySortField = (typeof ACTIVITY_SORT_FIELDS)[number];
const SORT_SQL: Record<ActivitySortField, string> = { occurredOn: 'a.occurred_on', participants: 'a.participants', createdAt: 'a.created_at' };

export interface ActivityFilter {
  kind?: string;
  contentGroup?: string;
  /** Activities of this unit's subtree (inside the caller's). */
  unitId?: string;
  from?: string;
  to?: string;
  /** Folded (foldVietnamese); matched in the title and the place. */
  folded?: string;
  sort: { field: ActivitySortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

const COLUMNS = `a.id, a.unit_id AS "unitId", au.name AS "unitName", a.kind, a.title, a.occurred_on::text AS "occurredOn", a.place,
  a.participants, a.content_groups AS "contentGroups", a.attachment_ids::text[] AS "attachmentIds", a.created_by AS "createdBy",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The activity log. Every read is limited to the caller's subtree. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: UnitScope, filter: ActivityFilter): Promise<{ items: ActivityView[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = ['au.path <@ $1::ltree'];
    if (filter.kind) where.push(`a.kind = $${params.push(filter.kind)}`);
    if (filter.contentGroup) where.push(`$${params.push(filter.contentGroup)} = ANY(a.content_groups)`);
    if (filter.unitId) where.push(`au.path <@ (SELECT path FROM admin_unit WHERE id = $${params.push(filter.unitId)})`);
    if (filter.from) where.push(`a.occurred_on >= $${params.push(filter.from)}::date`);
    if (filter.to) where.push(`a.occurred_on <= $${params.push(filter.to)}::date`);
    if (filter.folded) {
      const at = params.push(containsPattern(filter.folded));
      where.push(`(${foldedSql('a.title')} LIKE $${at} OR ${foldedSql('a.place')} LIKE $${at})`);
    }
    const from = `FROM communication_activity a JOIN admin_unit au ON au.id = a.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    const dir = filter.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const items: ActivityView[] = await this.db.query(
      `SELECT ${COLUMNS} ${from} ORDER BY ${SORT_SQL[filter.sort.field]} ${dir}, a.id ${dir}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async findInScope(scope: UnitScope, activityId: string, manager: EntityManager = this.db.manager): Promise<(ActivityView & { unitPath: string }) | null> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS}, au.path::text AS "unitPath" FROM communication_activity a JOIN admin_unit au ON au.id = a.unit_id
        WHERE a.id = $1 AND au.path <@ $2::ltree`,
      [activityId, scope.unitPath],
    );
    return row ?? null;
  }

  async insert(unitId: string, createdBy: string, fields: ActivityFields, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO communication_activity (unit_id, kind, title, occurred_on, place, participants, content_groups, attachment_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [unitId, ...fieldParams(fields), createdBy],
    );
    return id;
  }

  async update(activityId: string, fields: ActivityFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE communication_activity SET kind = $2, title = $3, occurred_on = $4, place = $5, participants = $6, content_groups = $7,
              attachment_ids = $8, updated_at = now() WHERE id = $1`,
      [activityId, ...fieldParams(fields)],
    );
  }

  async delete(activityId: string, manager: EntityManager): Promise<boolean> {
    return (await returning(manager, `DELETE FROM communication_activity WHERE id = $1 RETURNING id`, [activityId])).length > 0;
  }
}

function fieldParams(f: ActivityFields): unknown[] {
  return [f.kind, f.title, f.occurredOn, f.place, f.participants, f.contentGroups, f.attachmentIds];
}
