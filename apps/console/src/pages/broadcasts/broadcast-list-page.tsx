import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { broadcastApi, type BroadcastListItem } from '../../components/broadcasts/broadcast-api';
import { BroadcastStatusTag, EmptyText, PriorityTag, channelList } from '../../components/broadcasts/broadcast-tags';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/form-errors';
import { BROADCAST_STATUS, CHANNEL } from '../../lib/labels';
import { columnSortOrder, sortParam } from '../../lib/table-sort';
import { DEFAULT_TIME_ZONE, dayjs, formatDateTime, toZonedIso } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['status', 'channel', 'from', 'to', 'sort', 'pageSize'] as const;
const DEFAULT_SORT = '-createdAt';

/** "Lượt phát": every broadcast of the caller's units, filtered and sorted on the server. */
export default function BroadcastListPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const { values, page, set } = useUrlState(KEYS);
  const pageSize = Number(values.pageSize) || 20;
  const sort = values.sort ?? DEFAULT_SORT;
  const query = {
    status: values.status,
    channel: values.channel,
    // The days picked are the unit's days: from its first to its last instant.
    from: values.from ? toZonedIso(dayjs(values.from).startOf('day'), tz) : undefined,
    to: values.to ? toZonedIso(dayjs(values.to).endOf('day'), tz) : undefined,
    sort: values.sort,
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['broadcasts', query], queryFn: () => broadcastApi.list(query), placeholderData: keepPreviousData });

  return (
    <>
      <PageHeader
        title="Lượt phát"
        extra={
          <Link to="/broadcasts/new">
            <Button type="primary" icon={<PlusOutlined />}>
              Lên lịch phát
            </Button>
          </Link>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="Lọc lượt phát">
        <Flex vertical>
          <label htmlFor="filter-status">Trạng thái</label>
          <Select
            id="filter-status"
            allowClear
            placeholder="Tất cả"
            style={{ width: 190 }}
            value={values.status}
            onChange={(status) => set({ status })}
            options={Object.entries(BROADCAST_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="filter-channel">Kênh</label>
          <Select
            id="filter-channel"
            allowClear
            placeholder="Tất cả"
            style={{ width: 190 }}
            value={values.channel}
            onChange={(channel) => set({ channel })}
            options={Object.entries(CHANNEL).filter(([c]) => c !== 'feed').map(([value, label]) => ({ value, label }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="filter-range">Có lần phát trong khoảng</label>
          <DatePicker.RangePicker
            id={{ start: 'filter-range' }}
            format="DD/MM/YYYY"
            placeholder={['Từ ngày', 'Đến ngày']}
            value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<BroadcastListItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyText>Chưa có lượt phát nào khớp bộ lọc</EmptyText> }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `${total} lượt phát`,
        }}
        onChange={(p, _f, sorter) => {
          const nextSort = sortParam(sorter);
          set({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize, sort: nextSort === DEFAULT_SORT ? undefined : nextSort });
        }}
        columns={[
          {
            title: 'Tin bài',
            key: 'messageTitle',
            render: (_, b) => (
              <Flex vertical gap={2}>
                <Link to={`/broadcasts/${b.id}`}>{b.messageTitle || 'Lượt phát'}</Link>
                <span>
                  <PriorityTag priority={b.priority} />
                </span>
              </Flex>
            ),
          },
          {
            title: 'Trạng thái',
            key: 'status',
            sorter: true,
            sortOrder: columnSortOrder(sort, 'status'),
            render: (_, b) => <BroadcastStatusTag status={b.status} note={b.statusNote} />,
          },
          { title: 'Kênh', key: 'channels', render: (_, b) => channelList(b.channels), responsive: ['md'] },
          {
            title: 'Lần phát tới',
            key: 'nextDueAt',
            sorter: true,
            sortOrder: columnSortOrder(sort, 'nextDueAt'),
            render: (_, b) => (b.nextDueAt ? formatDateTime(b.nextDueAt, tz) : <Typography.Text type="secondary">Không còn</Typography.Text>),
          },
          { title: 'Đơn vị', dataIndex: 'unitName', responsive: ['lg'] },
          {
            title: 'Tạo lúc',
            key: 'createdAt',
            sorter: true,
            sortOrder: columnSortOrder(sort, 'createdAt'),
            render: (_, b) => formatDateTime(b.createdAt, tz),
            responsive: ['sm'],
          },
        ]}
      />
    </>
  );
}
