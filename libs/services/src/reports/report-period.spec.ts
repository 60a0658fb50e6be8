import { InvalidInputError } from '#domain/index.js';
import { previousPeriod, reportPeriod } from './report-period.js';

describe('report periods', () => {
  it('gives the previous period of equal length, across month and leap-year ends', () => {
    expect(previousPeriod(reportPeriod('2026-03-01', '2026-03-31'))).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousPeriod(reportPeriod('2024-03-01', '2024-03-01'))).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(previousPeriod(reportPeriod('2026-01-01', '2026-12-31'))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('refuses an end before the start and an impossible day, naming the field', () => {
    const problems = (from: string, to: string) => {
      try {
        reportPeriod(from, to);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return (error as InvalidInputError).details.map((d) => `${d.field}:${d.rule}`);
      }
    };
    expect(problems('2026-05-02', '2026-05-01')).toEqual(['to:after-from']);
    expect(problems('2026-02-29', '2026-03-01')).toEqual(['from:date']);
    expect(problems('2026-01-01', '2026-13-01')).toEqual(['to:date']);
    expect(problems('2016-01-01', '2026-12-31')).toEqual(['to:range']);
    expect(problems('2026-05-01', '2026-05-01')).toEqual([]);
  });
});
