import { addMonths, monthOfPartition, monthRange, partitionName, partitionPlan } from './partition-months.js';

describe('partition months', () => {
  it('steps over year ends both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('names a partition and reads its month back, and nothing else', () => {
    expect(partitionName('delivery', '2026-07')).toBe('delivery_p2026_07');
    expect(monthOfPartition('delivery', 'delivery_p2026_07')).toBe('2026-07');
    expect(monthOfPartition('delivery', 'delivery_attempt_p2026_07')).toBeNull();
    expect(monthOfPartition('delivery_attempt', 'delivery_attempt_p2026_07')).toBe('2026-07');
  });

  it('keeps the previous month, the months ahead and those of open occurrences, none before the retention cut', () => {
    const now = new Date('2026-12-04T02:00:00Z');
    expect(partitionPlan(now, 2, 0, ['2027-09'])).toEqual({ create: ['2026-11', '2026-12', '2027-01', '2027-02', '2027-09'], keepFrom: null });
    expect(partitionPlan(now, 1, 1, ['2026-10', '2027-01'])).toEqual({ create: ['2026-11', '2026-12', '2027-01'], keepFrom: '2026-11' });
  });
});
