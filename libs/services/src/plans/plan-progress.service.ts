import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { InvalidInputError, localDate, NotFoundError, type Actor } from '#domain/index.js';
import { elapsedShare, expectedAt, isCalendarDate, progressStatus, type PlanMetric, type ProgressStatus } from '#domain/plans/index.js';
import { UnitRepository } from '#persistence/index.js';
import { writeProgressWorkbook } from './plan-progress-workbook.js';
import { PlanProgressRepository, type Actuals, type ProgressScope } from './plan-progress.repository.js';
import type { PlanProgress, TargetProgress, UnitProgress } from './plan-progress.js';
import { PlanRepository, type TargetView } from './plan.repository.js';

export type { PlanProgress, TargetProgress, UnitProgress };

/** Actual against target per unit of each target's level, against what the elapsed share of the period expects. */
@Injectable()
export class PlanProgressService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly figures: PlanProgressRepository,
    private readonly units: UnitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async progress(actor: Actor, planId: string, asOf?: string): Promise<PlanProgress> {
    if (asOf !== undefined && !isCalendarDate(asOf)) {
      throw new InvalidInputError([{ field: 'asOf', rule: 'isDate', message: 'phải là ngày dạng YYYY-MM-DD' }]);
    }
    const plan = await this.plans.findVisible(actor, planId);
    if (!plan) throw new NotFoundError('plan');
    const timeZone = (await this.units.findRef(plan.unitId))?.timeZone ?? this.config.defaultTimeZone;
    const day = asOf ?? localDate(new Date(), timeZone);
    const period = { from: plan.periodFrom, to: plan.periodTo };
    const scope: ProgressScope = { planPath: plan.unitPath, callerPath: actor.unitPath, period, until: day < period.to ? day : period.to };
    const targets = await this.plans.targets(planId);
    const levelUnits = await this.figures.unitsAt(scope, [...new Set(targets.map((t) => t.unitLevel))]);
    const actuals = await this.actuals(planId, scope, targets);

    const behind = new Map<string, { unitId: string; unitName: string; targetsBehind: number }>();
    const progress = targets.map(({ overrides, ...target }): TargetProgress => {
      const overrideOf = new Map(overrides.map((o) => [o.unitId, o.value]));
      const units = levelUnits
        .filter((u) => u.level === target.unitLevel)
        .map((u): UnitProgress => {
          const value = overrideOf.get(u.id) ?? target.value;
          const expected = expectedAt(value, period, day);
          const actual = actuals.get(target.id)?.get(`${target.id}:${u.id}`) ?? 0;
          const status = progressStatus(actual, expected);
          if (status === 'behind') {
            const entry = behind.get(u.id) ?? { unitId: u.id, unitName: u.name, targetsBehind: 0 };
            entry.targetsBehind += 1;
            behind.set(u.id, entry);
          }
          return { unitId: u.id, unitName: u.name, target: value, overridden: overrideOf.has(u.id), actual, expected, status };
        });
      return { ...target, units, unitsBehind: units.filter((u) => u.status === 'behind').length };
    });
    return {
      planId,
      periodFrom: period.from,
      periodTo: period.to,
      asOf: day,
      elapsedShare: Math.round(elapsedShare(period, day) * 10_000) / 10_000,
      targets: progress,
      unitsBehind: [...behind.values()].sort((a, b) => b.targetsBehind - a.targetsBehind || a.unitName.localeCompare(b.unitName, 'vi')),
    };
  }

  /** Progress as an Excel workbook an officer can file. */
  async exportXlsx(actor: Actor, planId: string, asOf?: string): Promise<{ stream: Readable; fileName: string }> {
    const progress = await this.progress(actor, planId, asOf);
    const plan = await this.plans.findVisible(actor, planId);
    if (!plan) throw new NotFoundError('plan');
    const stream = writeProgressWorkbook({ unitName: plan.unitName, title: plan.title, decisionNumber: plan.decision.number, progress });
    return { stream, fileName: `tien-do-ke-hoach-${progress.asOf}.xlsx` };
  }

  /** The actual of each (target, unit): activities from their log, every other metric from the report rollup. */
  private async actuals(planId: string, scope: ProgressScope, targets: readonly TargetView[]): Promise<Map<string, Actuals>> {
    const out = new Map<string, Actuals>();
    const [activities, rollup, reach] = await Promise.all([
      targets.some((t) => t.metric === 'activities') ? this.figures.activityActuals(planId, scope) : new Map<string, number>(),
      targets.some((t) => ROLLUP_METRICS.includes(t.metric)) ? this.figures.rollupActuals(planId, scope) : new Map<string, number>(),
      targets.some((t) => t.metric === 'sms-reach') ? this.figures.smsReachActuals(planId, scope) : new Map<string, number>(),
    ]);
    const source: Record<PlanMetric, Actuals> = { activities, broadcasts: rollup, 'loudspeaker-minutes': rollup, posts: rollup, 'sms-reach': reach };
    for (const t of targets) out.set(t.id, source[t.metric]);
    return out;
  }
}

const ROLLUP_METRICS: readonly PlanMetric[] = ['broadcasts', 'loudspeaker-minutes', 'posts'];
