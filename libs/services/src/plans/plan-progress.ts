import type { ProgressStatus } from '#domain/plans/index.js';
import type { TargetView } from './plan.repository.js';

/** A plan's progress as the service computes it and the workbook lays it out. */
export interface UnitProgress {
  unitId: string;
  unitName: string;
  /** The target's value, or the unit's override. */
  target: number;
  overridden: boolean;
  actual: number;
  expected: number;
  status: ProgressStatus;
}

export interface TargetProgress extends Omit<TargetView, 'overrides'> {
  units: UnitProgress[];
  unitsBehind: number;
}

export interface PlanProgress {
  planId: string;
  periodFrom: string;
  periodTo: string;
  /** The day progress is measured at, in the plan unit's zone. */
  asOf: string;
  elapsedShare: number;
  targets: TargetProgress[];
  /** Units behind on at least one target, most targets behind first. */
  unitsBehind: { unitId: string; unitName: string; targetsBehind: number }[];
}
