import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Select, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../lib/form-errors';
import { CHANNEL, DELIVERY_STATUS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';
import { EmptyText } from './broadcast-tags';
import { broadcastApi, type Delivery } from './broadcast-api';

const KEYS = ['status', 'channel', 'failureKind'] as const;
const FAILURE_KIND: Record<string, string> = { permanent: 'Lỗi không thử lại được', exhausted: 'Đã hết lượt thử lại' };

function reason(d: Delivery) {
  if (d.failureText) return d.failureText;
  if (d.status === 'failed' || d.status === 'undelivered') {
    return `${d.failureKind ? FAILURE_KIND[d.failureKind] : 'Không gửi được'}${d.providerCode ? ` (mã ${d.providerCode})` : ''}`;
  }
  return null;
}

/** The deliveries of a broadcast, filtered on the server; failures in words. */
export function DeliveriesTable({ broadcastId, channels, tz, live }: { broadcastId: string; channels: string[]; tz: string; live: boolean }) {
  const { values, page, set } = useUrlState(KEYS);
  const query = { ...values, page, pageSize: 20 };
  const list = useQuery({
    queryKey: ['broadcasts', broadcastId, 'deliveries', query],
    queryFn: () => broadcastApi.deliveries(broadcastId, query),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 5000 : false,
  });

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 12 }} role="search" aria-label="Lọc tin đã gửi">
        <Flex vertical>
          <label htmlFor="delivery-status">Trạng thái</label>
          <Select
            id="delivery-status"
            allowClear
            placeholder="Tất cả"
            style={{ width: 180 }}
            value={values.status}
            onChange={(status) => set({ status })}
            options={Object.entries(DELIVERY_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="delivery-channel">Kênh</label>
          <Select
            id="delivery-channel"
            allowClear
            placeholder="Tất cả"
            style={{ width: 180 }}
            value={values.channel}
            onChange={(channel) => set({ channel })}
            options={channels.map((c) => ({ value: c, label: CHANNEL[c] ?? c }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="delivery-kind">Loại lỗi</label>
          <Select
            id="delivery-kind"
            allowClear
            placeholder="Tất cả"
            style={{ width: 200 }}
            value={values.failureKind}
            onChange={(failureKind) => set({ failureKind })}
            options={Object.entries(FAILURE_KIND).map(([value, label]) => ({ value, label }))}
          />
        </Flex>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyText>Chưa có tin nào khớp bộ lọc</EmptyText> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `${t} tin` }}
        onChange={(p) => set({ page: p.current })}
        columns={[
          { title: 'Kênh', key: 'channel', render: (_, d) => CHANNEL[d.channel] ?? d.channel },
          { title: 'Nơi nhận', dataIndex: 'endpoint' },
          {
            title: 'Trạng thái',
            key: 'status',
            render: (_, d) => <Tag color={DELIVERY_STATUS[d.status]?.color}>{DELIVERY_STATUS[d.status]?.label ?? d.status}</Tag>,
          },
          {
            title: 'Lý do / ghi chú',
            key: 'reason',
            render: (_, d) =>
              reason(d) ?? (d.notBefore && d.status === 'planned' ? <Typography.Text type="secondary">Chờ đến {formatDateTime(d.notBefore, tz)}</Typography.Text> : '—'),
          },
          { title: 'Số lần thử', dataIndex: 'attempts', align: 'right', responsive: ['md'] },
          { title: 'Cập nhật', key: 'updatedAt', render: (_, d) => formatDateTime(d.updatedAt, tz), responsive: ['sm'] },
        ]}
      />
    </>
  );
}
