import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Empty, Flex, Form, Grid, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import type { ChannelAccount, ConnectionCheck } from '../../components/admin/admin-types';
import { ChannelAccountFormModal, type AccountEdit } from '../../components/admin/channel-account-form-modal';
import { PageHeader } from '../../components/page-header';
import { ACCOUNT_STATUS, PLATFORM } from '../../lib/admin-labels';
import { StatusTag } from '../../components/status-tag';
import { api, unwrap } from '../../api/client';
import { type Page } from '../../lib/api-loose';
import { errorMessage } from '../../lib/form-errors';
import { formatDateTime, fromNow } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['platform', 'pageSize'] as const;
const PAGE_SIZE = 20;

/** Zalo OA and Facebook Page accounts the units publish to: their state, adding, checking, reconnecting. */
export default function ChannelAccountsPage() {
  const profile = useProfile();
  const tz = profile.timeZone;
  const { values, page, set } = useUrlState(KEYS);
  const pageSize = Number(values.pageSize) || PAGE_SIZE;
  const [edit, setEdit] = useState<AccountEdit | null>(null);
  const { modal } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const queryClient = useQueryClient();

  const query = { platform: values.platform as ChannelAccount['platform'] | undefined, page, pageSize };
  const accounts = useQuery({
    queryKey: ['channel-accounts', query],
    queryFn: () => unwrap(api.GET('/api/v1/channel-accounts', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const check = useMutation({
    mutationFn: (account: ChannelAccount) => unwrap(api.POST('/api/v1/channel-accounts/{id}/check', { params: { path: { id: account.id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['channel-accounts'] }),
    onSuccess: (result, account) => {
      const where = `${PLATFORM[account.platform]} “${account.name}”`;
      if (result.ok) {
        modal.success({
          title: `Kết nối tốt: ${where}`,
          content: result.platformName
            ? `Nền tảng nhận mã truy cập và trả về tài khoản “${result.platformName}”${result.platformId ? ` (mã ${result.platformId})` : ''}.`
            : result.message,
          okText: 'Đóng',
        });
        return;
      }
      const content = (
        <>
          <p>{result.message}.</p>
          {result.needsReconnect && <p>Tài khoản đã được đánh dấu “Cần kết nối lại”; tin sẽ không đăng lên đây cho đến khi có mã mới.</p>}
          {result.code && <Typography.Text type="secondary">Mã lỗi của nền tảng: {result.code}</Typography.Text>}
        </>
      );
      if (result.needsReconnect) {
        modal.confirm({
          title: `Mất kết nối: ${where}`,
          content,
          okText: 'Kết nối lại ngay',
          cancelText: 'Để sau',
          onOk: () => setEdit({ mode: 'reconnect', account }),
        });
      } else {
        modal.warning({ title: `Chưa kiểm tra được: ${where}`, content, okText: 'Đóng' });
      }
    },
    onError: (error, account) => modal.error({ title: `Không kiểm tra được “${account.name}”`, content: errorMessage(error), okText: 'Đóng' }),
  });

  const status = (a: ChannelAccount) => {
    return (
      <div>
        <StatusTag map={ACCOUNT_STATUS} code={a.needsReconnect ? 'needs_reconnect' : a.status} />
        {a.statusReason && (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.statusReason}
            </Typography.Text>
          </div>
        )}
      </div>
    );
  };
  const actions = (a: ChannelAccount) => (
    <Flex gap={6} wrap>
      <Button
        size="small"
        icon={<ApiOutlined />}
        loading={check.isPending && check.variables?.id === a.id}
        onClick={() => check.mutate(a)}
        aria-label={`Kiểm tra kết nối ${a.name}`}
      >
        Kiểm tra kết nối
      </Button>
      <Button size="small" type={a.needsReconnect ? 'primary' : 'default'} onClick={() => setEdit({ mode: 'reconnect', account: a })} aria-label={`Kết nối lại ${a.name}`}>
        Kết nối lại
      </Button>
      <Button size="small" onClick={() => setEdit({ mode: 'edit', account: a })} aria-label={`Sửa ${a.name}`}>
        Sửa
      </Button>
    </Flex>
  );
  // A phone gets one column: the account, its state and its buttons one under the other.
  const narrowColumns: TableColumnsType<ChannelAccount> = [
    {
      key: 'account',
      title: 'Tài khoản',
      render: (_, a) => (
        <Flex vertical gap={6}>
          <div>
            <Typography.Text strong>{a.name}</Typography.Text>
            <div>
              {PLATFORM[a.platform] ?? a.platform} · {a.unitName}
            </div>
          </div>
          {status(a)}
          {actions(a)}
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<ChannelAccount> = [
    {
      key: 'name',
      title: 'Tài khoản',
      render: (_, a) => (
        <div>
          <Typography.Text strong>{a.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {PLATFORM[a.platform] ?? a.platform} · {a.externalId}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'unit', title: 'Đơn vị', dataIndex: 'unitName', responsive: ['md'] },
    {
      key: 'status',
      title: 'Trạng thái',
      render: (_, a) => status(a),
    },
    {
      key: 'expires',
      title: 'Mã truy cập hết hạn',
      responsive: ['lg'],
      render: (_, a) => (a.accessExpiresAt ? formatDateTime(a.accessExpiresAt, tz) : 'Không hết hạn'),
    },
    {
      key: 'checked',
      title: 'Kiểm tra lần cuối',
      responsive: ['lg'],
      render: (_, a) => (a.lastCheckedAt ? <span title={formatDateTime(a.lastCheckedAt, tz)}>{fromNow(a.lastCheckedAt)}</span> : 'Chưa kiểm tra'),
    },
    {
      key: 'actions',
      title: 'Thao tác',
      render: (_, a) => actions(a),
    },
  ];

  return (
    <>
      <PageHeader
        title="Tài khoản kênh"
        subtitle="Zalo OA và Trang Facebook mà các đơn vị dùng để đăng tin"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'add' })}>
            Thêm tài khoản
          </Button>
        }
      />
      <Form layout="vertical" role="search" aria-label="Lọc tài khoản kênh">
        <Row gutter={12}>
          <Col xs={24} sm={12} md={8} xl={6}>
            <Form.Item label="Nền tảng" htmlFor="accounts-platform">
              <Select
                id="accounts-platform"
                value={values.platform ?? ''}
                onChange={(v) => set({ platform: v || undefined })}
                options={[{ value: '', label: 'Tất cả' }, ...Object.entries(PLATFORM).map(([value, label]) => ({ value, label }))]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {accounts.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(accounts.error)}
          action={<Button onClick={() => void accounts.refetch()}>Thử lại</Button>}
        />
      )}
      <Table<ChannelAccount>
        rowKey="id"
        columns={narrow ? narrowColumns : columns}
        dataSource={accounts.data?.items}
        loading={accounts.isFetching}
        scroll={narrow ? undefined : { x: 'max-content' }}
        locale={{
          emptyText: accounts.isLoading ? (
            'Đang tải…'
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có tài khoản kênh nào. Thêm Zalo OA hoặc Trang Facebook của đơn vị để đăng tin lên đó." />
          ),
        }}
        onChange={(pagination) => set({ page: pagination.current, pageSize: pagination.pageSize === PAGE_SIZE ? undefined : pagination.pageSize })}
        pagination={{ current: page, pageSize, total: accounts.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (t) => `${t} tài khoản` }}
      />
      <ChannelAccountFormModal edit={edit} timeZone={tz} onClose={() => setEdit(null)} />
    </>
  );
}
