import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import type { PlanMetric } from '#domain/plans/index.js';
import { returning } from '#persistence/returning.js';
import { containsPattern, foldedSql } from '#persistence/vietnamese-search.js';

export interface PlanDecision {
  number: string | null;
  date: string | null;
  signer: string | null;
  attachmentId: string | null;
}

export interface PlanView {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  decision: PlanDecision;
  targetCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface OverrideView {
  unitId: string;
  unitName: string;
  value: number;
}

export interface TargetView {
  id: string;
  metric: PlanMetric;
  activityKind: string | null;
  contentGroup: string | null;
  channel: string | null;
  unitLevel: string;
  value: number;
  overrides: OverrideView[];
}

/** A plan with where its unit sits, for scope checks and the audit log. */
export interface PlanRef extends PlanView {
  unitPath: string;
  unitLevel: string;
}

export interface PlanFields {
  title: string;
  periodFrom: string;
  periodTo: string;
  decision: PlanDecision;
}

export interface NewTarget {
  metric: string;
  activityKind: string | null;
  contentGroup: string | null;
  channel: string | null;
  unitLevel: string;
  value: number;
}

export const PLAN_SORT_FIELDS = ['periodFrom', 'title', 'updatedAt'] as const;
export type PlanSortField = (typeof PLAN_SORT_FIELDS)[number];
const SORT_SQL: Record<PlanSortField, string> = { periodFrom: 'p.period_from', title: 'p.title', updatedAt: 'p.updated_at' };

export interface PlanFilter {
  unitId?: string;
  /** Plans whose period overlaps this year. */
  year?: number;
  /** Folded (foldVietnamese); matched in the title and the decision number. */
  folded?: string;
  sort: { field: PlanSortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

const PLAN_COLUMNS = `p.id, p.unit_id AS "unitId", au.name AS "unitName", p.title, p.period_from::text AS "periodFrom",
  p.period_to::text AS "periodTo", json_build_object('number', p.decision_number, 'date', p.decision_date::text,
  'signer', p.decision_signer, 'attachmentId', p.decision_attachment_id) AS decision,
  (SELECT count(*)::int FROM plan_target t WHERE t.plan_id = p.id) AS "targetCount",
  p.created_by AS "createdBy", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/**
 * A caller sees the plans of its subtree and the plans of the units above it (the province's plan
 * sets the commune's targets); never a plan of another branch.
 */
const VISIBLE = (param: string) => `(au.path <@ ${param}::ltree OR au.path @> ${param}::ltree)`;

/** Plans, targets and overrides. Reads are scoped by the caller's unit path. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: UnitScope, filter: PlanFilter): Promise<{ items: PlanView[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = [VISIBLE('$1')];
    if (filter.unitId) where.push(`p.unit_id = $${params.push(filter.unitId)}`);
    if (filter.year !== undefined) {
      where.push(`p.period_from <= make_date($${params.push(filter.year)}, 12, 31) AND p.period_to >= make_date($${params.length}, 1, 1)`);
    }
    if (filter.folded) {
      const at = params.push(containsPattern(filter.folded));
      where.push(`(${foldedSql('p.title')} LIKE $${at} OR ${foldedSql("coalesce(p.decision_number, '')")} LIKE $${at})`);
    }
    const from = `FROM communication_plan p JOIN admin_unit au ON au.id = p.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    const dir = filter.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const items: PlanView[] = await this.db.query(
      `SELECT ${PLAN_COLUMNS} ${from} ORDER BY ${SORT_SQL[filter.sort.field]} ${dir}, p.id ${dir}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async findVisible(scope: UnitScope, planId: string, manager: EntityManager = this.db.manager): Promise<PlanRef | null> {
    const [row] = await manager.query(
      `SELECT ${PLAN_COLUMNS}, au.path::text AS "unitPath", au.level AS "unitLevel"
         FROM communication_plan p JOIN admin_unit au ON au.id = p.unit_id WHERE p.id = $2 AND ${VISIBLE('$1')}`,
      [scope.unitPath, planId],
    );
    return row ?? null;
  }

  /** The plan, locked for a change, when its unit lies in the caller's subtree (plans above are read-only). */
  async lockInScope(scope: UnitScope, planId: string, manager: EntityManager): Promise<PlanRef | null> {
    const locked = await manager.query(
      `SELECT p.id FROM communication_plan p JOIN admin_unit au ON au.id = p.unit_id
        WHERE p.id = $1 AND au.path <@ $2::ltree FOR UPDATE OF p`,
      [planId, scope.unitPath],
    );
    return locked.length ? this.findVisible(scope, planId, manager) : null;
  }

  async targets(planId: string, manager: EntityManager = this.db.manager): Promise<TargetView[]> {
    return manager.query(
      `SELECT t.id, t.metric, t.activity_kind AS "activityKind", t.content_group AS "contentGroup", t.channel,
              t.unit_level AS "unitLevel", t.value::float8 AS value,
              coalesce((SELECT json_agg(json_build_object('unitId', o.unit_id, 'unitName', u.name, 'value', o.value::float8) ORDER BY u.name)
                          FROM plan_target_override o JOIN admin_unit u ON u.id = o.unit_id WHERE o.target_id = t.id), '[]') AS overrides
         FROM plan_target t WHERE t.plan_id = $1 ORDER BY t.created_at, t.id`,
      [planId],
    );
  }

  async insert(unitId: string, createdBy: string, fields: PlanFields, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO communication_plan (unit_id, title, period_from, period_to, decision_number, decision_date, decision_signer,
                                       decision_attachment_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [unitId, fields.title, fields.periodFrom, fields.periodTo, ...decisionParams(fields.decision), createdBy],
    );
    return id;
  }

  async update(planId: string, fields: PlanFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE communication_plan SET title = $2, period_from = $3, period_to = $4, decision_number = $5, decision_date = $6,
              decision_signer = $7, decision_attachment_id = $8, updated_at = now() WHERE id = $1`,
      [planId, fields.title, fields.periodFrom, fields.periodTo, ...decisionParams(fields.decision)],
    );
  }

  async delete(planId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM communication_plan WHERE id = $1`, [planId]);
  }

  /** Targets keep the order they were given in: created_at is the clock at each row, not the transaction's start. */
  async insertTargets(planId: string, targets: readonly NewTarget[], manager: EntityManager): Promise<string[]> {
    if (targets.length === 0) return [];
    const rows = await manager.query(
      `INSERT INTO plan_target (plan_id, metric, activity_kind, content_group, channel, unit_level, value, created_at)
       SELECT $1, x.metric, x.activity_kind, x.content_group, x.channel, x.unit_level, x.value, clock_timestamp()
         FROM jsonb_to_recordset($2::jsonb) AS x(metric text, activity_kind text, content_group text, channel text,
                                                 unit_level text, value numeric, n int)
        ORDER BY x.n RETURNING id`,
      [
        planId,
        JSON.stringify(
          targets.map((t, n) => ({
            metric: t.metric,
            activity_kind: t.activityKind,
            content_group: t.contentGroup,
            channel: t.channel,
            unit_level: t.unitLevel,
            value: t.value,
            n,
          })),
        ),
      ],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async updateTarget(planId: string, targetId: string, target: NewTarget, manager: EntityManager): Promise<boolean> {
    const rows = await returning(
      manager,
      `UPDATE plan_target SET metric = $3, activity_kind = $4, content_group = $5, channel = $6, unit_level = $7, value = $8
        WHERE id = $2 AND plan_id = $1 RETURNING id`,
      [planId, targetId, target.metric, target.activityKind, target.contentGroup, target.channel, target.unitLevel, target.value],
    );
    if (rows.length) await this.touch(planId, manager);
    return rows.length > 0;
  }

  async deleteTarget(planId: string, targetId: string, manager: EntityManager): Promise<boolean> {
    const rows = await returning(manager, `DELETE FROM plan_target WHERE id = $2 AND plan_id = $1 RETURNING id`, [planId, targetId]);
    if (rows.length) await this.touch(planId, manager);
    return rows.length > 0;
  }

  /** Overrides for units no longer of the target's level are dropped when the level changes. */
  async dropOverridesNotAt(targetId: string, unitLevel: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM plan_target_override o USING admin_unit u WHERE o.target_id = $1 AND u.id = o.unit_id AND u.level <> $2`,
      [targetId, unitLevel],
    );
  }

  async upsertOverride(planId: string, targetId: string, unitId: string, value: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO plan_target_override (target_id, unit_id, value) VALUES ($1, $2, $3)
       ON CONFLICT (target_id, unit_id) DO UPDATE SET value = EXCLUDED.value`,
      [targetId, unitId, value],
    );
    await this.touch(planId, manager);
  }

  async deleteOverride(planId: string, targetId: string, unitId: string, manager: EntityManager): Promise<boolean> {
    const rows = await returning(manager, `DELETE FROM plan_target_override WHERE target_id = $1 AND unit_id = $2 RETURNING unit_id`, [
      targetId,
      unitId,
    ]);
    if (rows.length) await this.touch(planId, manager);
    return rows.length > 0;
  }

  private async touch(planId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE communication_plan SET updated_at = now() WHERE id = $1`, [planId]);
  }
}

function decisionParams(decision: PlanDecision): unknown[] {
  return [decision.number, decision.date, decision.signer, decision.attachmentId];
}
