import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import type { ActivityCount } from './report-activity-counts.js';

/** What the rollup holds for a period; citizensReached is null where it cannot be split (by priority; by channel, but for SMS). */
export interface ReportFigures {
  messagesApproved: number;
  broadcastsRun: number;
  occurrencesRun: number;
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  unknown: number;
  cancelled: number;
  skipped: number;
  optedOut: number;
  smsParts: number;
  smsCostVnd: number;
  loudspeakerPlays: number;
  airtimeSeconds: number;
  boardShowings: number;
  socialPosts: number;
  citizensReached: number | null;
}

export interface ReportUnit {
  id: string;
  name: string;
  level: string;
  path: string;
}

export interface BreakdownRow {
  key: string | null;
  unit?: { id: string; name: string; level: string; own: boolean };
  figures: ReportFigures;
  /** Activities that are not broadcasts, in breakdowns by unit, content group and month. */
  activities?: ActivityCount;
}

export type SimpleDimension = 'contentGroup' | 'channel' | 'priority' | 'month';

export interface Period {
  from: string;
  to: string;
}

const SUMS = `
  COALESCE(sum(r.messages_approved), 0)::float8 AS "messagesApproved",
  COALESCE(sum(r.broadcasts_run), 0)::float8 AS "broadcastsRun",
  COALESCE(sum(r.occurrences_run), 0)::float8 AS "occurrencesRun",
  COALESCE(sum(r.sent), 0)::float8 AS sent,
  COALESCE(sum(r.delivered), 0)::float8 AS delivered,
  COALESCE(sum(r.undelivered), 0)::float8 AS undelivered,
  COALESCE(sum(r.failed), 0)::float8 AS failed,
  COALESCE(sum(r.unknown), 0)::float8 AS unknown,
  COALESCE(sum(r.cancelled), 0)::float8 AS cancelled,
  COALESCE(sum(r.skipped), 0)::float8 AS skipped,
  COALESCE(sum(r.opted_out), 0)::float8 AS "optedOut",
  COALESCE(sum(r.sms_parts), 0)::float8 AS "smsParts",
  COALESCE(sum(r.sms_cost_vnd), 0)::float8 AS "smsCostVnd",
  COALESCE(sum(r.loudspeaker_plays), 0)::float8 AS "loudspeakerPlays",
  round(COALESCE(sum(r.airtime_ms), 0) / 1000.0)::float8 AS "airtimeSeconds",
  COALESCE(sum(r.board_showings), 0)::float8 AS "boardShowings",
  COALESCE(sum(r.social_posts), 0)::float8 AS "socialPosts"`;

const FIGURE_KEYS = [
  'messagesApproved', 'broadcastsRun', 'occurrencesRun', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'cancelled',
  'skipped', 'optedOut', 'smsParts', 'smsCostVnd', 'loudspeakerPlays', 'airtimeSeconds', 'boardShowings', 'socialPosts',
] as const;

const IN_SUBTREE = `JOIN admin_unit u ON u.id = r.unit_id WHERE u.path <@ $1::ltree AND r.day BETWEEN $2::date AND $3::date`;

const DIMENSION_SQL: Record<SimpleDimension, string> = {
  contentGroup: 'r.content_group',
  channel: "NULLIF(r.channel, '')",
  priority: 'r.priority',
  month: "to_char(r.day, 'YYYY-MM')",
};

function figures(row: Record<string, unknown>, citizens: number | null): ReportFigures {
  const out = Object.fromEntries(FIGURE_KEYS.map((k) => [k, Number(row[k] ?? 0)])) as Omit<ReportFigures, 'citizensReached'>;
  return { ...out, citizensReached: citizens };
}

/** Figures of a row that only activities fill (a month or a content group with no broadcast). */
export function zeroFigures(citizens: number | null): ReportFigures {
  return figures({}, citizens);
}

/** Reads of the rollup, each scoped to a unit subtree (the caller's, or a unit inside it). */
@Injectable()
export class ReportQueryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async unitInScope(scope: UnitScope, unitId: string): Promise<ReportUnit | null> {
    const rows: ReportUnit[] = await this.db.query(
      `SELECT id, name, level, path::text AS path FROM admin_unit WHERE id = $1 AND path <@ $2::ltree`,
      [unitId, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  async totals(unit: ReportUnit, period: Period): Promise<ReportFigures> {
    const params = [unit.path, period.from, period.to];
    const [row] = await this.db.query(`SELECT ${SUMS} FROM report_daily r ${IN_SUBTREE}`, params);
    const [reach] = await this.db.query(
      `SELECT count(DISTINCT r.subscriber_id)::int AS n FROM report_reach r ${IN_SUBTREE} AND r.n > 0`,
      params,
    );
    return figures(row, reach.n);
  }

  async breakdown(unit: ReportUnit, period: Period, by: SimpleDimension): Promise<BreakdownRow[]> {
    const params = [unit.path, period.from, period.to];
    const key = DIMENSION_SQL[by];
    // By channel, a broadcast counts on the row of each channel it used (the row of no channel keeps the total).
    const sums = by === 'channel' ? SUMS.replace('sum(r.broadcasts_run)', "sum(CASE WHEN r.channel = '' THEN r.broadcasts_run ELSE r.broadcasts_on_channel END)") : SUMS;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${key} AS key, ${sums} FROM report_daily r ${IN_SUBTREE} GROUP BY 1 ORDER BY 1 NULLS FIRST`,
      params,
    );
    const reach = await this.reachBy(params, by);
    const citizens = (rowKey: string | null): number | null => {
      if (!reach || (by === 'channel' && rowKey !== 'sms')) return null;
      return reach.get(rowKey ?? '') ?? 0;
    };
    return rows.map((row) => {
      const rowKey = (row.key as string | null) ?? null;
      return { key: rowKey, figures: figures(row, citizens(rowKey)) };
    });
  }

  /**
   * Distinct citizens reached by SMS per key, where the reach rows can be split that way: by month and
   * content group; by channel only the SMS row has any (the whole reach); never by priority.
   */
  private async reachBy(params: unknown[], by: SimpleDimension): Promise<Map<string, number> | null> {
    if (by === 'priority') return null;
    const key = by === 'month' ? DIMENSION_SQL.month : by === 'contentGroup' ? 'r.content_group' : "'sms'";
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT ${key} AS key, count(DISTINCT r.subscriber_id)::int AS n FROM report_reach r ${IN_SUBTREE} AND r.n > 0 GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /**
   * One row per unit one level down (every one of them, with zeros, so the units that did nothing
   * show), plus the unit's own row when facts were attributed to it directly.
   */
  async byChildUnit(unit: ReportUnit, period: Period): Promise<BreakdownRow[]> {
    const params = [unit.path, period.from, period.to, unit.id];
    const group = `subpath(u.path, 0, LEAST(nlevel(u.path), nlevel($1::ltree) + 1))`;
    const rows: Record<string, unknown>[] = await this.db.query(
      // MATERIALIZED: the planner, misjudging the subtree filter as one row, otherwise inlines both into a
      // nested loop that recounts the reach once per child unit (seen in bench/reports.bench.ts).
      `WITH agg AS MATERIALIZED (SELECT ${group} AS gpath, ${SUMS} FROM report_daily r ${IN_SUBTREE} GROUP BY 1),
            reach AS MATERIALIZED (SELECT ${group} AS gpath, count(DISTINCT r.subscriber_id)::int AS citizens
                        FROM report_reach r ${IN_SUBTREE} AND r.n > 0 GROUP BY 1)
       SELECT c.id, c.name, c.level, c.id = $4 AS own, COALESCE(reach.citizens, 0) AS citizens, agg.*
         FROM admin_unit c
         LEFT JOIN agg ON agg.gpath = c.path
         LEFT JOIN reach ON reach.gpath = c.path
        WHERE (c.parent_id = $4 AND (c.valid_to IS NULL OR c.valid_to >= $2::date OR agg.gpath IS NOT NULL))
           OR (c.id = $4 AND agg.gpath IS NOT NULL)
        ORDER BY c.id`,
      params,
    );
    return rows.map((row) => ({
      key: row.id as string,
      unit: { id: row.id as string, name: row.name as string, level: row.level as string, own: row.own as boolean },
      figures: figures(row, row.citizens as number),
    }));
  }
}
