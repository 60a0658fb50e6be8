import { InvalidInputError } from '../errors.js';
import { assertActivity } from './activity-rules.js';
import { isCalendarDate } from './calendar-date.js';
import {
  assertLevelBelow,
  assertOverrideValue,
  assertPeriod,
  assertTargets,
  elapsedShare,
  expectedAt,
  periodOf,
  progressStatus,
  targetProblems,
  type TargetInput,
} from './plan-rules.js';

const target = (overrides: Partial<TargetInput> = {}): TargetInput => ({ metric: 'broadcasts', unitLevel: 'commune', value: 10, ...overrides });

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).details.map((d) => `${d.field}:${d.rule}`);
  }
  throw new Error('expected an InvalidInputError');
}

describe('plan period', () => {
  it('is the whole year when only the year is given, the dates when they are', () => {
    expect(periodOf({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf({ year: 2026, from: '2026-03-01', to: '2026-06-30' })).toEqual({ from: '2026-03-01', to: '2026-06-30' });
  });

  it('refuses a period that ends before it starts, naming the end', () => {
    expect(fieldsOf(() => assertPeriod({ from: '2026-06-01', to: '2026-05-31' }))).toEqual(['to:periodOrder']);
    expect(assertPeriod({ from: '2026-06-01', to: '2026-06-01' })).toEqual({ from: '2026-06-01', to: '2026-06-01' });
  });

  it('refuses days that do not exist and a missing year and dates', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(fieldsOf(() => assertPeriod({ from: '2026-02-30', to: '2026-13-01' }))).toEqual(['from:isDate', 'to:isDate']);
    expect(fieldsOf(() => periodOf({}))).toEqual(['period:required']);
    expect(fieldsOf(() => periodOf({ from: '2026-01-01' }))).toEqual(['to:isDate']);
  });
});

describe('plan targets', () => {
  it('accepts a content group, a channel of the metric, an activity kind of activities', () => {
    expect(targetProblems(target({ contentGroup: 'one-stop-shop', channel: 'zalo' }))).toEqual([]);
    expect(targetProblems(target({ metric: 'loudspeaker-minutes', channel: 'loudspeaker', value: 1200.5 }))).toEqual([]);
    expect(targetProblems(target({ metric: 'activities', activityKind: 'conference', contentGroup: 'policy' }))).toEqual([]);
    expect(targetProblems(target({ metric: 'sms-reach', value: 80 }))).toEqual([]);
  });

  it('names each refused field with the index of its target', () => {
    expect(
      fieldsOf(() =>
        assertTargets([target(), target({ contentGroup: 'gossip', channel: 'fax', value: -1 }), target({ metric: 'likes', unitLevel: 'planet' })]),
      ),
    ).toEqual(['targets.1.contentGroup:isIn', 'targets.1.channel:isIn', 'targets.1.value:min', 'targets.2.metric:isIn', 'targets.2.unitLevel:isIn']);
  });

  it('refuses a channel the metric cannot be counted on, and an activity kind outside activities', () => {
    expect(targetProblems(target({ metric: 'loudspeaker-minutes', channel: 'sms' })).map((p) => p.rule)).toEqual(['metricChannel']);
    expect(targetProblems(target({ metric: 'activities', channel: 'sms' })).map((p) => p.rule)).toEqual(['metricChannel']);
    expect(targetProblems(target({ activityKind: 'contest' })).map((p) => p.rule)).toEqual(['metricKind']);
    expect(targetProblems(target({ metric: 'activities', activityKind: 'picnic' })).map((p) => p.rule)).toEqual(['isIn']);
  });

  it('keeps a reach share within 0–100 % and any value at or above zero', () => {
    expect(targetProblems(target({ metric: 'sms-reach', value: 101 })).map((p) => p.rule)).toEqual(['max']);
    expect(targetProblems(target({ value: 0 }))).toEqual([]);
    expect(targetProblems(target({ value: Number.NaN })).map((p) => p.rule)).toEqual(['isNumber']);
    expect(fieldsOf(() => assertOverrideValue(-0.5, 'posts'))).toEqual(['value:min']);
    expect(() => assertOverrideValue(0, 'posts')).not.toThrow();
  });

  it('applies targets at the plan unit’s level or below, never above', () => {
    expect(() => assertLevelBelow('province', 'commune')).not.toThrow();
    expect(() => assertLevelBelow('commune', 'commune')).not.toThrow();
    expect(fieldsOf(() => assertLevelBelow('commune', 'district'))).toEqual(['unitLevel:levelBelowPlan']);
  });
});

describe('expected progress', () => {
  const year = { from: '2026-01-01', to: '2026-12-31' };

  it('is the target times the elapsed share of the period, days included', () => {
    expect(elapsedShare(year, '2025-12-31')).toBe(0);
    expect(elapsedShare(year, '2026-01-01')).toBeCloseTo(1 / 365);
    expect(elapsedShare(year, '2026-07-02')).toBeCloseTo(183 / 365);
    expect(elapsedShare(year, '2026-12-31')).toBe(1);
    expect(elapsedShare(year, '2027-03-01')).toBe(1);
    expect(expectedAt(365, year, '2026-02-01')).toBe(32);
    expect(expectedAt(10, year, '2026-07-02')).toBe(5.01);
  });

  it('is behind or ahead only past a 10 % margin of what was expected', () => {
    expect(progressStatus(8, 10)).toBe('behind');
    expect(progressStatus(9, 10)).toBe('on-track');
    expect(progressStatus(11, 10)).toBe('on-track');
    expect(progressStatus(12, 10)).toBe('ahead');
    expect(progressStatus(0, 0)).toBe('on-track');
    expect(progressStatus(1, 0)).toBe('ahead');
  });
});

describe('activities', () => {
  const activity = { kind: 'conference', occurredOn: '2026-12-03', participants: 120, contentGroups: ['one-stop-shop'] };

  it('accepts an activity of today or before', () => {
    expect(() => assertActivity(activity, '2026-12-03')).not.toThrow();
  });

  it('refuses a day in the future, an unknown kind or content group and negative participants', () => {
    expect(fieldsOf(() => assertActivity(activity, '2026-12-02'))).toEqual(['occurredOn:notFuture']);
    expect(
      fieldsOf(() => assertActivity({ kind: 'picnic', occurredOn: '2026-12-01', participants: -3, contentGroups: ['policy', 'gossip'] }, '2026-12-03')),
    ).toEqual(['kind:isIn', 'participants:min', 'contentGroups.1:isIn']);
  });
});
