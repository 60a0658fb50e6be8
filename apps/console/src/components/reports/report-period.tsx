import { DatePicker, Select, Space } from 'antd';
import { dayjs } from '../../lib/time';
import type { Dayjs } from 'dayjs';

export type PeriodKind = 'month' | 'quarter' | 'year';
const DAY = 'YYYY-MM-DD';

/** The first and last day of the month, quarter or year holding `at` (local days, as the API reads them). */
export function periodRange(kind: PeriodKind, at: Dayjs): { from: string; to: string } {
  if (kind === 'quarter') {
    const start = at.startOf('month').month(Math.floor(at.month() / 3) * 3);
    return { from: start.format(DAY), to: start.add(2, 'month').endOf('month').format(DAY) };
  }
  return { from: at.startOf(kind).format(DAY), to: at.endOf(kind).format(DAY) };
}

export function periodLabel(kind: PeriodKind, at: Dayjs): string {
  if (kind === 'year') return `Năm ${at.year()}`;
  if (kind === 'quarter') return `Quý ${Math.floor(at.month() / 3) + 1}/${at.year()}`;
  return `Tháng ${at.format('MM/YYYY')}`;
}

const KIND_OPTIONS = [
  { value: 'month', label: 'Tháng' },
  { value: 'quarter', label: 'Quý' },
  { value: 'year', label: 'Năm' },
];

/** Month, quarter or year, then which one; the page keeps both in the URL. */
export function PeriodPicker({ kind, at, onChange }: { kind: PeriodKind; at: Dayjs; onChange: (kind: PeriodKind, at: Dayjs) => void }) {
  return (
    <Space wrap>
      <Select aria-label="Loại kỳ báo cáo" value={kind} options={KIND_OPTIONS} style={{ width: 100 }} onChange={(k: PeriodKind) => onChange(k, at)} />
      <DatePicker
        aria-label="Kỳ báo cáo"
        picker={kind}
        value={at}
        allowClear={false}
        format={kind === 'month' ? 'MM/YYYY' : kind === 'year' ? 'YYYY' : (d) => periodLabel('quarter', d)}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        onChange={(d) => d && onChange(kind, d)}
      />
    </Space>
  );
}
