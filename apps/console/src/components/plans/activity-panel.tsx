import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Table, Tag, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { labelOf } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';
import { ACTIVITY_KIND, CONTENT_GROUP, options } from '../reports/report-labels';
import { ActivityFormModal } from './activity-form-modal';
import type { Activity } from './plan-types';

const KEYS = ['kind', 'from', 'to'] as const;
const PAGE_SIZE = 20;

/** The activity log of the caller's subtree (paged by the API), newest first, and the form to record one. */
export function ActivityPanel({ from, to }: { from?: string; to?: string }) {
  const client = useQueryClient();
  const { values, page, set } = useUrlState(KEYS);
  const [adding, setAdding] = useState(false);
  const query = { kind: values.kind as never, from: values.from ?? from, to: values.to ?? to, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['activities', query],
    queryFn: () => unwrap(api.GET('/api/v1/activities', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Activity> = [
    { key: 'date', title: 'Ngày', render: (_, a) => formatDate(a.occurredOn) },
    { key: 'kind', title: 'Loại', render: (_, a) => labelOf(ACTIVITY_KIND, a.kind) },
    { key: 'title', title: 'Hoạt động', render: (_, a) => a.title },
    { key: 'unit', title: 'Đơn vị', render: (_, a) => a.unitName },
    { key: 'place', title: 'Địa điểm', render: (_, a) => a.place },
    { key: 'participants', title: 'Người tham dự', align: 'right', render: (_, a) => formatNumber(a.participants) },
    { key: 'groups', title: 'Nhóm nội dung', render: (_, a) => a.contentGroups.map((g) => <Tag key={g}>{labelOf(CONTENT_GROUP, g)}</Tag>) },
  ];
  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select aria-label="Lọc theo loại hoạt động" allowClear placeholder="Mọi loại hoạt động" value={values.kind} options={options(ACTIVITY_KIND)} onChange={(v) => set({ kind: v })} style={{ minWidth: 220 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          Ghi nhận hoạt động
        </Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={`Không tải được nhật ký hoạt động: ${errorMessage(list.error)}`} style={{ marginBottom: 12 }} />}
      <Table<Activity>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => set({ page: p }) }}
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : 'Chưa có hoạt động nào được ghi nhận.'}</Typography.Text> }}
      />
      <ActivityFormModal open={adding} onClose={() => setAdding(false)} onSaved={() => void client.invalidateQueries({ queryKey: ['activities'] })} />
    </>
  );
}
