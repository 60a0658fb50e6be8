import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivityCount, ActivityTotals } from './report-activity-counts.js';
import type { Period, ReportUnit } from './report-query.repository.js';

export type { ActivityCount, ActivityTotals };


export type ActivityDimension = 'unit' | 'contentGroup' | 'month';

const IN_SUBTREE = `FROM communication_activity a JOIN admin_unit u ON u.id = a.unit_id
  WHERE u.path <@ $1::ltree AND a.occurred_on BETWEEN $2::date AND $3::date`;
const COUNTS = `count(*)::int AS activities, COALESCE(sum(a.participants), 0)::float8 AS participants`;

/**
 * Read straight from communication_activity: officers record a few per month, so a GROUP BY over the
 * subtree's rows costs nothing next to the delivery rollup, and an edit shows at once.
 */
@Injectable()
export class ReportActivitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(unit: ReportUnit, period: Period): Promise<ActivityTotals> {
    const rows: (ActivityCount & { kind: string })[] = await this.db.query(
      `SELECT a.kind, ${COUNTS} ${IN_SUBTREE} GROUP BY a.kind ORDER BY a.kind`,
      [unit.path, period.from, period.to],
    );
    const byKind = rows.map((r) => ({ kind: r.kind, activities: Number(r.activities), participants: Number(r.participants) }));
    return {
      activities: byKind.reduce((n, r) => n + r.activities, 0),
      participants: byKind.reduce((n, r) => n + r.participants, 0),
      byKind,
    };
  }

  /**
   * Counts by the unit one level down (its id), the content group (an activity of two groups counts
   * in each) or the month (YYYY-MM).
   */
  async breakdown(unit: ReportUnit, period: Period, by: ActivityDimension): Promise<Map<string, ActivityCount>> {
    const key = {
      unit: `(SELECT c.id::text FROM admin_unit c WHERE c.path = subpath(u.path, 0, LEAST(nlevel(u.path), nlevel($1::ltree) + 1)))`,
      contentGroup: 'g.content_group',
      month: "to_char(a.occurred_on, 'YYYY-MM')",
    }[by];
    const from = by === 'contentGroup' ? IN_SUBTREE.replace('JOIN admin_unit u', 'CROSS JOIN LATERAL unnest(a.content_groups) AS g(content_group) JOIN admin_unit u') : IN_SUBTREE;
    const rows: (ActivityCount & { key: string })[] = await this.db.query(`SELECT ${key} AS key, ${COUNTS} ${from} GROUP BY 1`, [
      unit.path,
      period.from,
      period.to,
    ]);
    return new Map(rows.map((r) => [r.key, { activities: Number(r.activities), participants: Number(r.participants) }]));
  }
}
