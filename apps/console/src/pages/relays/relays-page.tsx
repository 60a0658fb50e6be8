import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Grid, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PlaceRelayModal } from '../../components/relays/place-relay-modal';
import { relayApi, type Relay, type RelayStatus } from '../../components/relays/relay-api';
import { RelayDeadlineCard } from '../../components/relays/relay-deadline-card';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { RELAY_STATUS } from '../../lib/labels';
import { DEFAULT_TIME_ZONE, formatDateTime, fromNow } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['status'] as const;
const PAGE_SIZE = 20;
const FILTERS: { label: string; value: RelayStatus | 'all' }[] = [
  { label: 'Tất cả', value: 'all' },
  { label: 'Chờ xếp lịch', value: 'waiting' },
  { label: 'Đã xếp lịch', value: 'placed' },
  { label: 'Tự động xếp', value: 'auto-placed' },
];

/**
 * "Tin từ cấp trên": normal bulletins of the province or district waiting for the commune to place
 * them in an airing of its loudspeakers (waiting ones first, by deadline). Only normal bulletins become
 * relays (priority ones are placed ahead, emergencies play at once), so the list shows no priority.
 */
export default function RelaysPage() {
  const profile = useProfile();
  const narrow = !Grid.useBreakpoint().sm;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const { values, page, set } = useUrlState(KEYS);
  const [placing, setPlacing] = useState<Relay | null>(null);
  const status = FILTERS.some((f) => f.value === values.status && f.value !== 'all') ? (values.status as RelayStatus) : undefined;
  const relays = useQuery({
    queryKey: ['relays', 'list', { status, page }],
    queryFn: () => relayApi.list({ status, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  // The deadline belongs to a province or district: a supervisor there sets it here.
  const unit = useQuery({
    queryKey: ['unit', profile.unitId],
    queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: profile.unitId } } })),
    enabled: profile.role !== 'officer',
  });
  const upperLevel = unit.data && (unit.data.level === 'province' || unit.data.level === 'district');

  const placed = (r: Relay) => {
    setPlacing(null);
    void message.success(`Đã xếp “${r.title}” vào ${r.slotLabel ?? 'khung giờ'} ${formatDateTime(r.airsAt, tz)}`);
    void queryClient.invalidateQueries({ queryKey: ['relays'] });
  };

  const columns: TableColumnsType<Relay> = [
    { key: 'title', title: 'Tin bài', render: (_, r) => <Typography.Text strong>{r.title}</Typography.Text> },
    { key: 'source', title: 'Từ đơn vị', render: (_, r) => r.sourceUnitName },
    ...(profile.role === 'officer' ? [] : [{ key: 'unit', title: 'Xã, phường', render: (_: unknown, r: Relay) => r.unitName }]),
    { key: 'received', title: 'Nhận lúc', render: (_, r) => formatDateTime(r.dueAt, tz) },
    {
      key: 'deadline',
      title: 'Hạn xếp lịch',
      render: (_, r) => (r.status === 'waiting' ? `${formatDateTime(r.deadlineAt, tz)} (${fromNow(r.deadlineAt)})` : formatDateTime(r.deadlineAt, tz)),
    },
    { key: 'status', title: 'Trạng thái', render: (_, r) => <StatusTag map={RELAY_STATUS} code={r.status} /> },
    {
      key: 'where',
      title: 'Phát vào',
      render: (_, r) => (r.airsAt ? `${r.slotLabel ?? 'Buổi phát sớm nhất'}, ${formatDateTime(r.airsAt, tz)}` : '—'),
    },
    {
      key: 'action',
      title: 'Thao tác',
      render: (_, r) =>
        r.status === 'waiting' ? (
          <Button type="primary" size="small" aria-label={`Xếp vào khung giờ: ${r.title}`} onClick={() => setPlacing(r)}>
            Xếp vào khung giờ
          </Button>
        ) : (
          <Tag>{r.stations} cụm loa</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="Tin từ cấp trên" subtitle="Tin thông thường của tỉnh, huyện gửi xuống: chọn khung giờ phát trên loa của xã trước hạn" />
      {upperLevel && <RelayDeadlineCard unitId={profile.unitId} unitName={profile.unitName} editable />}
      <Segmented<RelayStatus | 'all'>
        aria-label="Lọc theo trạng thái"
        options={FILTERS}
        value={status ?? 'all'}
        onChange={(v) => set({ status: v === 'all' ? undefined : v })}
        style={{ marginBottom: 12 }}
      />
      {relays.error && <Alert type="error" showIcon title={`Không tải được tin từ cấp trên: ${errorMessage(relays.error)}`} style={{ marginBottom: 12 }} />}
      <Table<Relay>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={relays.data?.items ?? []}
        loading={relays.isFetching}
        // A fixed width (cells wrap) rather than max-content: at 1366 px the list fits without a scrolling region.
        scroll={narrow ? undefined : { x: 960 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: relays.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => set({ page: p }) }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">
              {relays.isPending ? 'Đang tải…' : status === 'waiting' ? 'Không còn tin nào chờ xếp lịch.' : 'Chưa có tin nào từ cấp trên gửi xuống.'}
            </Typography.Text>
          ),
        }}
      />
      {placing && <PlaceRelayModal relay={placing} tz={tz} onClose={() => setPlacing(null)} onPlaced={placed} />}
    </>
  );
}
