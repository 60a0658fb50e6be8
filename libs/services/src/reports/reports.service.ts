import { Injectable } from '@nestjs/common';
import { NotFoundError, type Actor } from '#domain/index.js';
import type { Readable } from 'node:stream';
import { previousPeriod, reportPeriod, type ReportPeriod } from './report-period.js';
import {
  ReportQueryRepository,
  type BreakdownRow,
  type ReportFigures,
  type ReportUnit,
  type SimpleDimension,
  zeroFigures,
} from './report-query.repository.js';
import { ReportActivitiesRepository, type ActivityCount, type ActivityTotals } from './report-activities.repository.js';
import { writeReportWorkbook } from './report-workbook.js';
import { DEFAULT_TIME_ZONE } from './report-facts.sql.js';

export const REPORT_DIMENSIONS = ['unit', 'contentGroup', 'channel', 'priority', 'month'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportQuery {
  from: string;
  to: string;
  unitId?: string;
}

import type { ReportSummary, UnitView } from './report-summary.js';

export type { ReportSummary };

export interface ReportBreakdown {
  unit: UnitView;
  period: ReportPeriod;
  by: ReportDimension;
  rows: BreakdownRow[];
}

export interface RankedUnit {
  unit: { id: string; name: string; level: string };
  /** Deliveries that reached their endpoint (sent or delivered), the measure ranked on. */
  reached: number;
  figures: ReportFigures;
}

export interface ReportRanking {
  unit: UnitView;
  period: ReportPeriod;
  top: RankedUnit[];
  bottom: RankedUnit[];
}

/** Reports for the caller's subtree, read from the rollup only (figures are exactly what it holds). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportQueryRepository,
    private readonly activities: ReportActivitiesRepository,
  ) {}

  async summary(actor: Actor, q: ReportQuery): Promise<ReportSummary> {
    const period = reportPeriod(q.from, q.to);
    const unit = await this.unit(actor, q.unitId);
    const previous = previousPeriod(period);
    return {
      unit: view(unit),
      period,
      previousPeriod: previous,
      current: await this.reports.totals(unit, period),
      previous: await this.reports.totals(unit, previous),
      activities: { current: await this.activities.totals(unit, period), previous: await this.activities.totals(unit, previous) },
    };
  }

  async breakdown(actor: Actor, q: ReportQuery & { by: ReportDimension }): Promise<ReportBreakdown> {
    const period = reportPeriod(q.from, q.to);
    const unit = await this.unit(actor, q.unitId);
    const rows = q.by === 'unit' ? await this.byUnit(unit, period) : await this.reports.breakdown(unit, period, q.by as SimpleDimension);
    if (q.by === 'contentGroup' || q.by === 'month') return { unit: view(unit), period, by: q.by, rows: await this.withActivities(unit, period, q.by, rows) };
    return { unit: view(unit), period, by: q.by, rows };
  }

  /** The units one level down that reached the most and the fewest, `limit` of each. */
  async ranking(actor: Actor, q: ReportQuery & { limit?: number }): Promise<ReportRanking> {
    const period = reportPeriod(q.from, q.to);
    const unit = await this.unit(actor, q.unitId);
    const ranked = (await this.reports.byChildUnit(unit, period))
      .filter((r) => r.unit && !r.unit.own)
      .map((r) => ({ unit: { id: r.unit!.id, name: r.unit!.name, level: r.unit!.level }, reached: r.figures.sent + r.figures.delivered, figures: r.figures }));
    const limit = q.limit ?? 5;
    const byName = (a: RankedUnit, b: RankedUnit) => a.unit.name.localeCompare(b.unit.name, 'vi');
    return {
      unit: view(unit),
      period,
      top: [...ranked].sort((a, b) => b.reached - a.reached || byName(a, b)).slice(0, limit),
      bottom: [...ranked].sort((a, b) => a.reached - b.reached || byName(a, b)).slice(0, limit),
    };
  }

  /** The summary and the breakdowns by unit and content group as an .xlsx an officer can file. */
  async exportXlsx(actor: Actor, q: ReportQuery): Promise<{ fileName: string; stream: Readable }> {
    const summary = await this.summary(actor, q);
    const unit = await this.unit(actor, q.unitId);
    const byUnit = await this.byUnit(unit, summary.period);
    const byContentGroup = await this.withActivities(unit, summary.period, 'contentGroup', await this.reports.breakdown(unit, summary.period, 'contentGroup'));
    const signedOn = new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE }).format(new Date());
    return {
      fileName: `bao-cao-cchc-${summary.period.from}-${summary.period.to}.xlsx`,
      stream: writeReportWorkbook({ summary, byUnit, byContentGroup, signedOn }),
    };
  }

  /** The units one level down with their activities; the unit's own row also appears when only activities were recorded on it. */
  private async byUnit(unit: ReportUnit, period: ReportPeriod): Promise<BreakdownRow[]> {
    const rows = await this.reports.byChildUnit(unit, period);
    const counts = await this.activities.breakdown(unit, period, 'unit');
    if (counts.has(unit.id) && !rows.some((r) => r.unit?.own)) {
      rows.push({ key: unit.id, unit: { ...view(unit), own: true }, figures: zeroFigures(0) });
    }
    return byName(rows.map((r) => ({ ...r, activities: counts.get(r.key ?? '') ?? NO_ACTIVITY })));
  }

  /** Adds the activities to rows by content group or month, and a row for a key only activities have. */
  private async withActivities(unit: ReportUnit, period: ReportPeriod, by: 'contentGroup' | 'month', rows: BreakdownRow[]): Promise<BreakdownRow[]> {
    const counts = await this.activities.breakdown(unit, period, by);
    const known = new Set(rows.map((r) => r.key));
    const extra = [...counts.keys()].filter((k) => !known.has(k)).map((key) => ({ key, figures: zeroFigures(by === 'month' ? 0 : null) }));
    return [...rows, ...extra]
      .map((r) => ({ ...r, activities: counts.get(r.key ?? '') ?? NO_ACTIVITY }))
      .sort((a, b) => (a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private async unit(actor: Actor, unitId: string | undefined): Promise<ReportUnit> {
    const unit = await this.reports.unitInScope(actor, unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    return unit;
  }
}

const NO_ACTIVITY: ActivityCount = { activities: 0, participants: 0 };

/** The unit's own row first, then its units in Vietnamese alphabetical order (Postgres' collation may not know it). */
function byName(rows: BreakdownRow[]): BreakdownRow[] {
  return [...rows].sort((a, b) => Number(b.unit?.own) - Number(a.unit?.own) || (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'vi'));
}

function view(unit: ReportUnit): UnitView {
  return { id: unit.id, name: unit.name, level: unit.level };
}
