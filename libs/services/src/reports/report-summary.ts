import type { ReportPeriod } from './report-period.js';
import type { ActivityTotals } from './report-activity-counts.js';
import type { ReportFigures, ReportUnit } from './report-query.repository.js';

export type UnitView = Pick<ReportUnit, 'id' | 'name' | 'level'>;

export interface ReportSummary {
  unit: UnitView;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  current: ReportFigures;
  previous: ReportFigures;
  /** Activities that are not broadcasts (conferences, dialogues…), this period and the one before. */
  activities: { current: ActivityTotals; previous: ActivityTotals };
}
