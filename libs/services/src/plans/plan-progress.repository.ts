import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PlanPeriod } from '#domain/plans/index.js';

export interface LevelUnit {
  id: string;
  name: string;
  level: string;
}

/** What progress is measured over: the plan unit's subtree within the caller's, up to `until`. */
export interface ProgressScope {
  planPath: string;
  callerPath: string;
  period: PlanPeriod;
  /** The last day counted: the earlier of today and the period's end. */
  until: string;
}

/** Keyed `${targetId}:${unitId}`. */
export type Actuals = Map<string, number>;

/** The figures plan progress is computed from. */
@Injectable()
export class PlanProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The units of these levels in both subtrees that existed at some time in the period (the official
   * lists change; a commune merged away before the plan has no target).
   */
  async unitsAt(scope: ProgressScope, levels: readonly string[]): Promise<LevelUnit[]> {
    if (levels.length === 0) return [];
    return this.db.query(
      `SELECT id, name, level FROM admin_unit
        WHERE path <@ $1::ltree AND path <@ $2::ltree AND level = ANY($3::text[])
          AND (valid_from IS NULL OR valid_from <= $5::date) AND (valid_to IS NULL OR valid_to >= $4::date)
        ORDER BY name, id`,
      [scope.planPath, scope.callerPath, levels, scope.period.from, scope.period.to],
    );
  }

  /**
   * Activities of each unit's subtree (a village's conference counts for its commune) in the period
   * up to `until`, of the target's kind and content group when it names them, per activity target.
   */
  async activityActuals(planId: string, scope: ProgressScope): Promise<Actuals> {
    const rows: { targetId: string; unitId: string; actual: number }[] = await this.db.query(
      `WITH t AS (SELECT id, unit_level, activity_kind, content_group FROM plan_target WHERE plan_id = $1 AND metric = 'activities'),
            u AS (SELECT id, path, level FROM admin_unit WHERE path <@ $2::ltree AND path <@ $3::ltree
                    AND level IN (SELECT unit_level FROM t))
       SELECT t.id AS "targetId", u.id AS "unitId", count(a.id)::int AS actual
         FROM t JOIN u ON u.level = t.unit_level
         JOIN admin_unit au ON au.path <@ u.path
         JOIN communication_activity a ON a.unit_id = au.id AND a.occurred_on BETWEEN $4::date AND $5::date
          AND (t.activity_kind IS NULL OR a.kind = t.activity_kind)
          AND (t.content_group IS NULL OR t.content_group = ANY(a.content_groups))
        GROUP BY t.id, u.id`,
      [planId, scope.planPath, scope.callerPath, scope.period.from, scope.until],
    );
    return new Map(rows.map((r) => [`${r.targetId}:${r.unitId}`, r.actual]));
  }

  /**
   * Broadcasts run, loudspeaker minutes played and social posts published in each unit's subtree, as
   * the report rollup (report_daily) holds them. A broadcast is counted for the unit that sent it: on
   * the row of no channel (broadcasts_run), and once on the row of each channel it uses
   * (broadcasts_on_channel), which a broadcasts target narrowed to a channel reads.
   */
  async rollupActuals(planId: string, scope: ProgressScope): Promise<Actuals> {
    const rows: { targetId: string; unitId: string; actual: number }[] = await this.db.query(
      `WITH t AS (SELECT id, metric, unit_level, content_group, channel FROM plan_target
                   WHERE plan_id = $1 AND metric IN ('broadcasts', 'loudspeaker-minutes', 'posts')),
            u AS (SELECT id, path, level FROM admin_unit WHERE path <@ $2::ltree AND path <@ $3::ltree
                    AND level IN (SELECT unit_level FROM t))
       SELECT t.id AS "targetId", u.id AS "unitId",
              round(CASE WHEN t.metric = 'broadcasts' AND t.channel IS NULL THEN sum(r.broadcasts_run)
                         WHEN t.metric = 'broadcasts' THEN sum(r.broadcasts_on_channel)
                         WHEN t.metric = 'loudspeaker-minutes' THEN sum(r.airtime_ms) / 60000.0
                                  ELSE sum(r.social_posts) END, 2)::float8 AS actual
         FROM t JOIN u ON u.level = t.unit_level
         JOIN admin_unit au ON au.path <@ u.path
         JOIN report_daily r ON r.unit_id = au.id AND r.day BETWEEN $4::date AND $5::date
          AND (t.content_group IS NULL OR r.content_group = t.content_group)
          AND (t.channel IS NULL OR r.channel = t.channel)
        GROUP BY t.id, u.id, t.metric, t.channel`,
      [planId, scope.planPath, scope.callerPath, scope.period.from, scope.until],
    );
    return new Map(rows.map((r) => [`${r.targetId}:${r.unitId}`, r.actual]));
  }

  /**
   * SMS reach: the distinct subscribers of each unit's subtree reached by SMS in the period (the
   * rollup's report_reach), as a share (%) of the subtree's subscribers who had not opted out before
   * the period began; a target narrowed to a content group counts the citizens reached by messages of
   * that group (report_reach keeps the group).
   */
  async smsReachActuals(planId: string, scope: ProgressScope): Promise<Actuals> {
    const rows: { targetId: string; unitId: string; actual: number }[] = await this.db.query(
      `WITH t AS (SELECT id, unit_level, content_group FROM plan_target WHERE plan_id = $1 AND metric = 'sms-reach'),
            u AS (SELECT id, path, level FROM admin_unit WHERE path <@ $2::ltree AND path <@ $3::ltree
                    AND level IN (SELECT unit_level FROM t)),
            reached AS (SELECT t.id AS target_id, u.id AS unit_id, count(DISTINCT r.subscriber_id) AS n
                          FROM t JOIN u ON u.level = t.unit_level
                          JOIN admin_unit au ON au.path <@ u.path
                          JOIN report_reach r ON r.unit_id = au.id AND r.n > 0 AND r.day BETWEEN $4::date AND $5::date
                           AND (t.content_group IS NULL OR r.content_group = t.content_group)
                         GROUP BY t.id, u.id),
            base AS (SELECT u.id AS unit_id, count(s.id) AS n
                       FROM u JOIN admin_unit au ON au.path <@ u.path
                       JOIN subscriber s ON s.unit_id = au.id AND (s.opted_out_at IS NULL OR s.opted_out_at >= $4::date)
                      GROUP BY u.id)
       SELECT t.id AS "targetId", u.id AS "unitId",
              CASE WHEN COALESCE(base.n, 0) = 0 THEN 0
                   ELSE least(100, round(100.0 * COALESCE(reached.n, 0) / base.n, 2)) END::float8 AS actual
         FROM t JOIN u ON u.level = t.unit_level
         LEFT JOIN reached ON reached.target_id = t.id AND reached.unit_id = u.id
         LEFT JOIN base ON base.unit_id = u.id`,
      [planId, scope.planPath, scope.callerPath, scope.period.from, scope.until],
    );
    return new Map(rows.map((r) => [`${r.targetId}:${r.unitId}`, r.actual]));
  }
}
