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

/** A calendar year or a calendar month: the periods report_reach_citizens holds. */
interface WholePeriod {
  kind: 'Y' | 'M';
  start: string;
}

const lastDayOfMonth = (yearMonth: string): string => {
  const [y, m] = yearMonth.split('-').map(Number);
  return `${yearMonth}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The year or month the period is exactly, or null (any other run of days is counted from the daily rows). */
function wholePeriod(period: Period): WholePeriod | null {
  if (!period.from.endsWith('-01')) return null;
  const year = period.from.slice(0, 4);
  if (period.from === `${year}-01-01` && period.to === `${year}-12-31`) return { kind: 'Y', start: period.from };
  if (period.to === lastDayOfMonth(period.from.slice(0, 7))) return { kind: 'M', start: period.from };
  return null;
}

/** Whether the period is a run of whole calendar months (each month's reach is then in report_reach_citizens). */
function wholeMonths(period: Period): boolean {
  return period.from.endsWith('-01') && period.to === lastDayOfMonth(period.to.slice(0, 7));
}

/** The counters of a run of whole months are read by month (report_monthly: 12 rows a year per key, not 365). */
const countersOf = (period: Period): string => (wholeMonths(period) ? 'report_monthly' : 'report_daily');

/**
 * Citizens of a year or month from report_reach_citizens (kind $2, period $3): a unit's figure is its
 * distinct citizens, a subtree's the sum over its units (a citizen belongs to one unit: the rows follow
 * the subscriber's unit; see docs/reports.md for a subscriber moved within the period).
 */
const CITIZENS_IN_SUBTREE = `JOIN admin_unit u ON u.id = c.unit_id WHERE u.path <@ $1::ltree AND c.kind = $2 AND c.period = $3::date`;

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
    const [row] = await this.db.query(`SELECT ${SUMS} FROM ${countersOf(period)} r ${IN_SUBTREE}`, params);
    return figures(row, await this.citizens(unit, period));
  }

  /** Distinct citizens reached by SMS in the subtree in the period. */
  private async citizens(unit: ReportUnit, period: Period): Promise<number> {
    const whole = wholePeriod(period);
    const [reach] = whole
      ? await this.db.query(
          `SELECT COALESCE(sum(c.citizens), 0)::int AS n FROM report_reach_citizens c ${CITIZENS_IN_SUBTREE} AND c.content_group = '*'`,
          [unit.path, whole.kind, whole.start],
        )
      : await this.db.query(`SELECT count(DISTINCT r.subscriber_id)::int AS n FROM report_reach r ${IN_SUBTREE} AND r.n > 0`, [
          unit.path, period.from, period.to,
        ]);
    return reach.n;
  }

  async breakdown(unit: ReportUnit, period: Period, by: SimpleDimension): Promise<BreakdownRow[]> {
    const params = [unit.path, period.from, period.to];
    const key = DIMENSION_SQL[by];
    // By channel, a broadcast counts on the row of each channel it used (the row of no channel keeps the total).
    const sums = by === 'channel' ? SUMS.replace('sum(r.broadcasts_run)', "sum(CASE WHEN r.channel = '' THEN r.broadcasts_run ELSE r.broadcasts_on_channel END)") : SUMS;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${key} AS key, ${sums} FROM ${countersOf(period)} r ${IN_SUBTREE} GROUP BY 1 ORDER BY 1 NULLS FIRST`,
      params,
    );
    const reach = await this.reachBy(unit, period, by);
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
  private async reachBy(unit: ReportUnit, period: Period, by: SimpleDimension): Promise<Map<string, number> | null> {
    if (by === 'priority') return null;
    if (by === 'channel') return new Map([['sms', await this.citizens(unit, period)]]);
    const params = [unit.path, period.from, period.to];
    const whole = wholePeriod(period);
    if (by === 'contentGroup' && whole?.kind === 'Y') {
      return this.citizensBy(`c.content_group`, `c.content_group <> '*'`, [unit.path, 'Y', whole.start]);
    }
    if (by === 'month' && wholeMonths(period)) {
      // Every month of the period, one row each: the range $3..$4 instead of one period.
      return this.citizensBy(`to_char(c.period, 'YYYY-MM')`, `c.content_group = '*'`, [unit.path, 'M', period.from, period.to], true);
    }
    const key = by === 'month' ? DIMENSION_SQL.month : by === 'contentGroup' ? 'r.content_group' : "'sms'";
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT ${key} AS key, count(DISTINCT r.subscriber_id)::int AS n FROM report_reach r ${IN_SUBTREE} AND r.n > 0 GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  private async citizensBy(key: string, filter: string, params: unknown[], months = false): Promise<Map<string, number>> {
    const within = months ? CITIZENS_IN_SUBTREE.replace('c.period = $3::date', 'c.period BETWEEN $3::date AND $4::date') : CITIZENS_IN_SUBTREE;
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT ${key} AS key, sum(c.citizens)::int AS n FROM report_reach_citizens c ${within} AND ${filter} GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /**
   * One row per unit one level down (every one of them, with zeros, so the units that did nothing
   * show), plus the unit's own row when facts were attributed to it directly.
   */
  async byChildUnit(unit: ReportUnit, period: Period): Promise<BreakdownRow[]> {
    const whole = wholePeriod(period);
    const params = [unit.path, period.from, period.to, unit.id, ...(whole ? [whole.kind, whole.start] : [])];
    const group = `subpath(u.path, 0, LEAST(nlevel(u.path), nlevel($1::ltree) + 1))`;
    const reach = whole
      ? `SELECT ${group} AS gpath, sum(c.citizens)::int AS citizens FROM report_reach_citizens c
           ${CITIZENS_IN_SUBTREE.replace('$2', '$5').replace('$3::date', '$6::date')} AND c.content_group = '*' GROUP BY 1`
      : `SELECT ${group} AS gpath, count(DISTINCT r.subscriber_id)::int AS citizens FROM report_reach r ${IN_SUBTREE} AND r.n > 0 GROUP BY 1`;
    const rows: Record<string, unknown>[] = await this.db.query(
      // MATERIALIZED: the planner, misjudging the subtree filter as one row, otherwise inlines both into a
      // nested loop that recounts the reach once per child unit (seen in bench/reports.bench.ts).
      `WITH agg AS MATERIALIZED (SELECT ${group} AS gpath, ${SUMS} FROM ${countersOf(period)} r ${IN_SUBTREE} GROUP BY 1),
            reach AS MATERIALIZED (${reach})
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
