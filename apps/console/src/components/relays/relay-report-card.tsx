import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Table, Tag } from 'antd';
import { useProfile } from '../../auth/auth-context';
import { formatNumber } from '../../lib/format';
import { RELAY_OUTCOME, TAG_COLOR } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { StatusTag } from '../status-tag';
import { relayApi, type RelayReportLine } from './relay-api';
import { RelayDeadlineCard } from './relay-deadline-card';

function placedText(l: RelayReportLine): string {
  if (l.status === 'placed') return l.placedByName ? `Cán bộ xã xếp (${l.placedByName})` : 'Cán bộ xã xếp';
  if (l.status === 'auto-placed') return 'Tự động xếp (quá hạn)';
  return 'Chưa xếp';
}

/**
 * "Tiếp sóng ở cấp xã": for a province's or district's normal loudspeaker bulletin, what each commune
 * did with it (placed by its officer, placed automatically, not yet) and whether it played. Nothing
 * when the broadcast made no relays.
 */
export function RelayReportCard({ broadcastId, unitId, unitName, tz, live }: { broadcastId: string; unitId: string; unitName: string; tz: string; live: boolean }) {
  const { role } = useProfile();
  const report = useQuery({
    queryKey: ['relays', 'report', broadcastId],
    queryFn: () => relayApi.report(broadcastId),
    refetchInterval: live ? 15000 : false,
    retry: false,
  });
  const lines = report.data ?? [];
  if (!lines.length) return null;
  const count = (f: (l: RelayReportLine) => boolean) => lines.filter(f).length;
  const summary = [
    { label: 'Cán bộ xã xếp', n: count((l) => l.status === 'placed'), color: TAG_COLOR.green },
    { label: 'Tự động xếp', n: count((l) => l.status === 'auto-placed'), color: TAG_COLOR.blue },
    { label: 'Chưa xếp', n: count((l) => l.status === 'waiting'), color: TAG_COLOR.orange },
    { label: 'Đã phát', n: count((l) => l.outcome === 'played'), color: TAG_COLOR.green },
    { label: 'Không phát', n: count((l) => l.outcome === 'missed'), color: TAG_COLOR.red },
  ];

  return (
    <Card title="Tiếp sóng ở cấp xã" size="small">
      {role !== 'officer' && <RelayDeadlineCard unitId={unitId} unitName={unitName} editable />}
      <Flex gap={8} wrap style={{ marginBottom: 12 }} aria-label="Tổng hợp tiếp sóng" role="group">
        {summary.map((s) => (
          <Tag key={s.label} color={s.color}>{`${s.label}: ${formatNumber(s.n)}`}</Tag>
        ))}
      </Flex>
      <Table<RelayReportLine>
        size="small"
        rowKey="relayId"
        dataSource={lines}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { key: 'unit', title: 'Xã, phường', render: (_, l) => l.unitName },
          { key: 'due', title: 'Lần phát', render: (_, l) => formatDateTime(l.dueAt, tz) },
          { key: 'placed', title: 'Xếp lịch', render: (_, l) => placedText(l) },
          { key: 'airsAt', title: 'Phát lúc', render: (_, l) => (l.airsAt ? `${l.slotLabel ?? ''} ${formatDateTime(l.airsAt, tz)}`.trim() : `Hạn ${formatDateTime(l.deadlineAt, tz)}`) },
          { key: 'played', title: 'Đã phát', align: 'right', render: (_, l) => `${formatNumber(l.played)}/${formatNumber(l.stations)}` },
          { key: 'missed', title: 'Lỗi, hủy', align: 'right', render: (_, l) => formatNumber(l.failed + l.cancelled) },
          { key: 'outcome', title: 'Kết quả', render: (_, l) => <StatusTag map={RELAY_OUTCOME} code={l.outcome} /> },
        ]}
      />
    </Card>
  );
}
