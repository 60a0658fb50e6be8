import { AlertOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { EmptyText, channelList } from '../../components/broadcasts/broadcast-tags';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';
import { emergencyApi, type EmergencyRecord } from './emergency-api';
import { EMERGENCY_STATUS } from './emergency-labels';
import { CapImportButton, EmergencyPolicyCard } from './emergency-side-panels';

const KEYS = ['status', 'pageSize'] as const;

/** "Tin khẩn cấp": every emergency of the caller's units, newest first; those waiting for a supervisor first to act on. */
export default function EmergencyListPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const supervisor = profile.role === 'supervisor';
  const { values, page, set } = useUrlState(KEYS);
  const pageSize = Number(values.pageSize) || 20;
  const query = { status: values.status, page, pageSize };
  const list = useQuery({ queryKey: ['emergencies', query], queryFn: () => emergencyApi.list(query), placeholderData: keepPreviousData, refetchInterval: 15_000 });

  return (
    <>
      <PageHeader
        title="Tin khẩn cấp"
        subtitle="Tin khẩn cấp đã phát, đang chờ lãnh đạo xác nhận, nhập từ cảnh báo CAP hoặc đã hủy."
        extra={
          supervisor && (
            <>
              <CapImportButton />
              <Link to="/emergencies/new">
                <Button type="primary" danger icon={<AlertOutlined />}>
                  Phát khẩn cấp
                </Button>
              </Link>
            </>
          )
        }
      />
      <Flex gap={16} wrap justify="space-between" align="start" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap role="search" aria-label="Lọc tin khẩn cấp">
          <Flex vertical>
            <label htmlFor="filter-status">Trạng thái</label>
            <Select
              id="filter-status"
              allowClear
              placeholder="Tất cả"
              style={{ width: 220 }}
              value={values.status}
              onChange={(status) => set({ status })}
              options={Object.entries(EMERGENCY_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            />
          </Flex>
        </Flex>
        <EmergencyPolicyCard />
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<EmergencyRecord>
        rowKey="id"
        loading={{ spinning: list.isFetching && !list.data, delay: 300 }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyText>Chưa có tin khẩn cấp nào</EmptyText> }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => `${total} tin khẩn cấp` }}
        onChange={(p) => set({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
        columns={[
          { title: 'Tiêu đề', key: 'title', render: (_, e) => <Link to={`/emergencies/${e.id}`}>{e.title}</Link> },
          { title: 'Trạng thái', key: 'status', render: (_, e) => <StatusTag map={EMERGENCY_STATUS} code={e.status} /> },
          { title: 'Kênh', key: 'channels', render: (_, e) => channelList(e.channels) || '—', responsive: ['md'] },
          {
            title: 'Người phát',
            key: 'createdBy',
            render: (_, e) => (
              <Flex vertical>
                <span>{e.createdByName ?? '—'}</span>
                <Typography.Text type="secondary">{e.unitName}</Typography.Text>
              </Flex>
            ),
            responsive: ['lg'],
          },
          {
            title: 'Lượt phát',
            key: 'broadcast',
            render: (_, e) =>
              e.broadcastId ? (
                <Link to={`/broadcasts/${e.broadcastId}`} aria-label={`Xem tiến độ: ${e.title}`}>
                  Xem tiến độ
                </Link>
              ) : (
                <Typography.Text type="secondary">Chưa phát</Typography.Text>
              ),
          },
          { title: 'Lúc', key: 'createdAt', render: (_, e) => formatDateTime(e.createdAt, tz), responsive: ['sm'] },
        ]}
      />
    </>
  );
}
