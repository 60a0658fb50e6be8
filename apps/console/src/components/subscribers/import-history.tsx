import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Table, Typography } from 'antd';
import { useProfile } from '../../auth/auth-context';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import { StatusTag } from '../status-tag';
import { ErrorReportButton } from './import-result';
import { IMPORT_STATUS, type SubscriberImport } from './subscriber-types';
import { processedRows } from './upload-import';

/** Past imports of the subtree, newest first, each with its counts and error report. */
export function ImportHistory({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const profile = useProfile();
  const list = useQuery({
    queryKey: ['subscriber-imports', page],
    queryFn: () => unwrap(api.GET('/api/v1/subscribers/imports', { params: { query: { page, pageSize: 10 } } })),
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
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : 'Chưa nhập tệp nào.'}</Typography.Text> }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total, hideOnSinglePage: true, showSizeChanger: false, onChange: onPage }}
        columns={[
          {
            title: 'Tệp',
            key: 'file',
            render: (_, i) => (
              <Flex vertical gap={2} title={i.failure ?? undefined}>
                <span style={{ overflowWrap: 'anywhere' }}>{i.fileName}</span>
                <Typography.Text type="secondary">{formatDateTime(i.createdAt, profile.timeZone)}</Typography.Text>
                <span>
                  <StatusTag map={IMPORT_STATUS} code={i.status} />
                  {i.status === 'running' && `${formatNumber(processedRows(i))} dòng`}
                </span>
              </Flex>
            ),
          },
          {
            title: 'Kết quả',
            key: 'counts',
            render: (_, i) => (
              <Flex vertical gap={4} align="start">
                <span>
                  Thêm mới {formatNumber(i.inserted)} · gộp {formatNumber(i.merged)} · từ chối {formatNumber(i.rejected)}
                </span>
                {i.rejected > 0 && <ErrorReportButton importId={i.id} fileName={i.fileName} size="small" />}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
