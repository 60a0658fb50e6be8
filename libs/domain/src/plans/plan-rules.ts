import { isChannel } from '../channels.js';
import { CONTENT_GROUP_CODES } from '../content/content-model.js';
import { InvalidInputError, type FieldProblem } from '../errors.js';
import { UNIT_LEVELS, type UnitLevel } from '../units/unit-kinds.js';
import { ACTIVITY_KINDS, METRIC_CHANNELS, ON_TRACK_MARGIN, PLAN_METRICS, type ProgressStatus } from './plan-model.js';
import { dayNumber, isCalendarDate } from './calendar-date.js';

/** A plan's period: calendar days, both ends included ('YYYY-MM-DD'). */
export interface PlanPeriod {
  from: string;
  to: string;
}

export interface TargetInput {
  metric: string;
  activityKind?: string | null;
  contentGroup?: string | null;
  channel?: string | null;
  unitLevel: string;
  value: number;
}

/** A whole year when only the year is given; dates, when given, win. */
export function periodOf(input: { year?: number; from?: string; to?: string }, field = 'period'): PlanPeriod {
  if (input.from !== undefined || input.to !== undefined) {
    return assertPeriod({ from: input.from ?? '', to: input.to ?? '' });
  }
  if (input.year === undefined) {
    throw new InvalidInputError([{ field, rule: 'required', message: 'cần năm của kế hoạch hoặc ngày bắt đầu và ngày kết thúc' }]);
  }
  return { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
}

export function assertPeriod(period: PlanPeriod): PlanPeriod {
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(period.from)) problems.push({ field: 'from', rule: 'isDate', message: 'phải là ngày dạng YYYY-MM-DD' });
  if (!isCalendarDate(period.to)) problems.push({ field: 'to', rule: 'isDate', message: 'phải là ngày dạng YYYY-MM-DD' });
  if (problems.length === 0 && period.to < period.from) {
    problems.push({ field: 'to', rule: 'periodOrder', message: 'ngày kết thúc không được trước ngày bắt đầu' });
  }
  if (problems.length) throw new InvalidInputError(problems);
  return period;
}

/** Every problem of a target, each naming its field under `prefix` (e.g. "targets.2.channel"). */
export function targetProblems(target: TargetInput, prefix = ''): FieldProblem[] {
  const at = (name: string) => `${prefix}${name}`;
  const problems: FieldProblem[] = [];
  const metric = (PLAN_METRICS as readonly string[]).includes(target.metric) ? (target.metric as (typeof PLAN_METRICS)[number]) : null;
  if (!metric) problems.push({ field: at('metric'), rule: 'isIn', message: `phải là một trong: ${PLAN_METRICS.join(', ')}` });
  if (target.contentGroup != null && !(CONTENT_GROUP_CODES as string[]).includes(target.contentGroup)) {
    problems.push({ field: at('contentGroup'), rule: 'isIn', message: 'không phải nhóm nội dung của Quyết định 1216/QĐ-BTTTT' });
  }
  if (target.channel != null) {
    const allowed = metric ? METRIC_CHANNELS[metric] : null;
    if (!isChannel(target.channel)) {
      problems.push({ field: at('channel'), rule: 'isIn', message: 'không phải kênh phát tin của hệ thống' });
    } else if (metric && !allowed) {
      problems.push({ field: at('channel'), rule: 'metricChannel', message: 'chỉ tiêu hoạt động tuyên truyền không gắn với kênh phát tin' });
    } else if (allowed && !allowed.includes(target.channel)) {
      problems.push({ field: at('channel'), rule: 'metricChannel', message: `chỉ tiêu này chỉ áp dụng cho kênh: ${allowed.join(', ')}` });
    }
  }
  if (target.activityKind != null) {
    if (!(ACTIVITY_KINDS as readonly string[]).includes(target.activityKind)) {
      problems.push({ field: at('activityKind'), rule: 'isIn', message: `phải là một trong: ${ACTIVITY_KINDS.join(', ')}` });
    } else if (metric && metric !== 'activities') {
      problems.push({ field: at('activityKind'), rule: 'metricKind', message: 'loại hoạt động chỉ dùng cho chỉ tiêu hoạt động tuyên truyền' });
    }
  }
  if (!(UNIT_LEVELS as readonly string[]).includes(target.unitLevel)) {
    problems.push({ field: at('unitLevel'), rule: 'isIn', message: `phải là một trong: ${UNIT_LEVELS.join(', ')}` });
  }
  problems.push(...valueProblems(target.value, at('value'), metric === 'sms-reach' ? 100 : null));
  return problems;
}

export function valueProblems(value: number, field: string, max: number | null): FieldProblem[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [{ field, rule: 'isNumber', message: 'phải là một số' }];
  if (value < 0) return [{ field, rule: 'min', message: 'không được nhỏ hơn 0' }];
  if (max !== null && value > max) return [{ field, rule: 'max', message: `không được lớn hơn ${max} (%)` }];
  return [];
}

export function assertTargets(targets: readonly TargetInput[], prefix = 'targets'): void {
  const problems = targets.flatMap((t, i) => targetProblems(t, `${prefix}.${i}.`));
  if (problems.length) throw new InvalidInputError(problems);
}

export function assertTarget(target: TargetInput): void {
  const problems = targetProblems(target);
  if (problems.length) throw new InvalidInputError(problems);
}

/** An override below zero, or a reach above 100%, is refused like the target's own value. */
export function assertOverrideValue(value: number, metric: string): void {
  const problems = valueProblems(value, 'value', metric === 'sms-reach' ? 100 : null);
  if (problems.length) throw new InvalidInputError(problems);
}

/** The level a target applies to must lie below (or be) the plan unit's level in the tree. */
export function assertLevelBelow(planLevel: UnitLevel, targetLevel: UnitLevel, field = 'unitLevel'): void {
  if (UNIT_LEVELS.indexOf(targetLevel) < UNIT_LEVELS.indexOf(planLevel)) {
    throw new InvalidInputError([{ field, rule: 'levelBelowPlan', message: 'cấp áp dụng phải là cấp của đơn vị ban hành kế hoạch hoặc cấp dưới' }]);
  }
}

/** The share of the period gone by at the end of `date`: 0 before it starts, 1 from its last day on. */
export function elapsedShare(period: PlanPeriod, date: string): number {
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  const day = dayNumber(date);
  if (day < from) return 0;
  if (day >= to) return 1;
  return (day - from + 1) / (to - from + 1);
}

/** The target pro rata of the elapsed share of the period, to two decimals. */
export function expectedAt(target: number, period: PlanPeriod, date: string): number {
  return Math.round(target * elapsedShare(period, date) * 100) / 100;
}

/** Ahead or behind by more than the margin of what was expected by now; with nothing expected yet, anything done is ahead. */
export function progressStatus(actual: number, expected: number): ProgressStatus {
  if (expected === 0) return actual > 0 ? 'ahead' : 'on-track';
  if (actual < expected * (1 - ON_TRACK_MARGIN)) return 'behind';
  if (actual > expected * (1 + ON_TRACK_MARGIN)) return 'ahead';
  return 'on-track';
}
