import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useProfile } from '../../auth/auth-context';
import { getJson } from '../../lib/api-loose';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import type { Page } from '../devices/device-types';
import { ErrorReportButton } from './import-result';
import type { SubscriberImport } from './subscriber-types';
import { processedRows } from './upload-import';

const STATUS: Record<SubscriberImport['status'], { label: string; color: string }> = {
  running: { label: 'Đang nhập', color: 'processing' },
  completed: { label: 'Xong', color: 'success' },
  failed: { label: 'Bị dừng', color: 'error' },
};

/** Past imports of the subtree, newest first, each with its counts and error report. */
export function ImportHistory({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const profile = useProfile();
  const list = useQuery({
    queryKey: ['subscriber-imports', page],
    queryFn: () => getJson<Page<SubscriberImport>>('/api/v1/subscribers/imports', { params: { query: { page, pageSize: 10 } } }),
    placeholderData: (prev) => prev,
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'running') ? 3_000 : false),
  });
  return (
    <Card title="Các lần nhập trước">
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<SubscriberImport>
        rowKey="id"
        size="small"
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : 'Chưa nhập tệp nào.'}</Typography.Text> }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total, hideOnSinglePage: true, showSizeChanger: false, onChange: onPage }}
        columns={[
          { title: 'Tệp', dataIndex: 'fileName' },
          { title: 'Lúc', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d, profile.timeZone) },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (s: SubscriberImport['status'], i) => (
              <span title={i.failure ?? undefined}>
                <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>
                {s === 'running' && `${formatNumber(processedRows(i))} dòng`}
              </span>
            ),
          },
          { title: 'Thêm mới', dataIndex: 'inserted', align: 'right', render: formatNumber },
          { title: 'Gộp', dataIndex: 'merged', align: 'right', render: formatNumber },
          { title: 'Từ chối', dataIndex: 'rejected', align: 'right', render: formatNumber },
          { title: 'Báo cáo lỗi', key: 'errors', render: (_, i) => (i.rejected > 0 ? <ErrorReportButton importId={i.id} fileName={i.fileName} size="small" /> : '—') },
        ]}
      />
    </Card>
  );
}
