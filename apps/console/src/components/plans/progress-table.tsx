import { Table, Typography, type TableColumnsType } from 'antd';
import type { components } from '../../api/schema';
import { formatNumber } from '../../lib/format';
import { PROGRESS_STATUS } from '../reports/report-labels';
import { targetLabel } from './target-table';
import type { PlanProgress } from './plan-types';

type UnitRow = components['schemas']['UnitProgressDto'];

/** A unit's status in words with a mark and a colour (colour is never the only signal). */
export function ProgressStatus({ status }: { status: string }) {
  const s = PROGRESS_STATUS[status];
  if (!s) return <Typography.Text type="secondary">{status}</Typography.Text>;
  return (
    <span style={{ color: s.color, fontWeight: 600, whiteSpace: 'nowrap' }}>
      <span aria-hidden>{s.mark} </span>
      {s.label}
    </span>
  );
}

/** Progress per target, one row per unit: target, expected by now, actual, status. */
export function ProgressTable({ progress }: { progress: PlanProgress }) {
  const columns: TableColumnsType<UnitRow> = [
    { key: 'unit', title: 'Đơn vị', render: (_, u) => u.unitName },
    { key: 'target', title: 'Chỉ tiêu', align: 'right', render: (_, u) => `${formatNumber(u.target)}${u.overridden ? ' (riêng)' : ''}` },
    { key: 'expected', title: 'Cần đạt đến nay', align: 'right', render: (_, u) => formatNumber(Math.round(u.expected * 10) / 10) },
    { key: 'actual', title: 'Đã thực hiện', align: 'right', render: (_, u) => formatNumber(u.actual) },
    { key: 'status', title: 'Tình trạng', render: (_, u) => <ProgressStatus status={u.status} /> },
  ];
  if (!progress.targets.length) return <Typography.Text type="secondary">Kế hoạch chưa có chỉ tiêu.</Typography.Text>;
  return (
    <>
      {progress.targets.map((t) => (
        <section key={t.id} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {targetLabel(t)} — {t.units.length} đơn vị, {t.unitsBehind ? `${t.unitsBehind} chậm tiến độ` : 'không đơn vị nào chậm'}
          </Typography.Title>
          <Table<UnitRow> size="small" rowKey="unitId" columns={columns} dataSource={t.units} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
        </section>
      ))}
    </>
  );
}
