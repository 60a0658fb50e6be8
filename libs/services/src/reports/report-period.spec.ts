import { InvalidInputError } from '#domain/index.js';
import { previousPeriod, reportPeriod } from './report-period.js';

describe('report periods', () => {
  it('gives the previous calendar month, quarter or year for a period of whole months', () => {
    expect(previousPeriod(reportPeriod('2026-03-01', '2026-03-31'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(reportPeriod('2024-03-01', '2024-03-31'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod(reportPeriod('2026-05-01', '2026-05-31'))).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(previousPeriod(reportPeriod('2026-01-01', '2026-01-31'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod(reportPeriod('2026-04-01', '2026-06-30'))).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod(reportPeriod('2026-01-01', '2026-03-31'))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod(reportPeriod('2025-01-01', '2025-12-31'))).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(previousPeriod(reportPeriod('2024-07-01', '2024-12-31'))).toEqual({ from: '2024-01-01', to: '2024-06-30' });
  });

  it('gives the period of equal length just before any other range, across month and leap-year ends', () => {
    expect(previousPeriod(reportPeriod('2026-03-02', '2026-03-31'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(previousPeriod(reportPeriod('2026-03-01', '2026-03-30'))).toEqual({ from: '2026-01-30', to: '2026-02-28' });
    expect(previousPeriod(reportPeriod('2024-03-01', '2024-03-01'))).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(previousPeriod(reportPeriod('2026-12-01', '2026-12-07'))).toEqual({ from: '2026-11-24', to: '2026-11-30' });
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
