import { LockOutlined, MoreOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Dropdown, Form, Grid, Input, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import type { UserItem } from '../../components/admin/admin-types';
import { ResetPasswordModal } from '../../components/admin/reset-password-modal';
import { UnitSelect } from '../../components/unit-select';
import { UserFormModal } from '../../components/admin/user-form-modal';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { api, unwrap } from '../../api/client';
import { getJson, type Page } from '../../lib/api-loose';
import { errorMessage } from '../../lib/form-errors';
import { USER_STATE } from '../../lib/admin-labels';
import { ROLE } from '../../lib/labels';
import { columnSortOrder, sortParam } from '../../lib/table-sort';
import { formatDate, formatDateTime } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const FILTERS = ['q', 'role', 'unitId', 'disabled', 'sort', 'pageSize'] as const;
const PAGE_SIZE = 20;

/** Users of the admin's subtree: find, add, edit, lock and unlock, reset a password. */
export default function UsersPage() {
  const profile = useProfile();
  const tz = profile.timeZone;
  const { values, page, set } = useUrlState(FILTERS);
  const pageSize = Number(values.pageSize) || PAGE_SIZE;
  const [editing, setEditing] = useState<UserItem | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const [search, setSearch] = useState(values.q ?? '');
  const { modal, message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const queryClient = useQueryClient();

  // Without a status filter the API lists active accounts only; "Tất cả" asks for the locked ones too.
  const query = {
    q: values.q,
    role: values.role,
    unitId: values.unitId,
    disabled: values.disabled,
    includeDisabled: values.disabled ? undefined : true,
    sort: values.sort,
    page,
    pageSize,
  };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => getJson<Page<UserItem>>('/api/v1/users', { params: { query } }),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: (user: UserItem) => {
      const target = { params: { path: { id: user.id } } };
      return unwrap(user.disabled ? api.POST('/api/v1/users/{id}/enable', target) : api.POST('/api/v1/users/{id}/disable', target));
    },
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      message.success(user.disabled ? `Đã khóa tài khoản ${user.username}` : `Đã mở khóa tài khoản ${user.username}`);
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const confirmToggle = (user: UserItem) =>
    modal.confirm({
      title: user.disabled ? `Mở khóa tài khoản ${user.username}?` : `Khóa tài khoản ${user.username}?`,
      content: user.disabled
        ? `${user.displayName} sẽ đăng nhập lại được bằng mật khẩu hiện có.`
        : `${user.displayName} sẽ bị đăng xuất ngay trên mọi thiết bị và không đăng nhập được cho đến khi được mở khóa. Tin bài và lịch phát của họ vẫn giữ nguyên.`,
      okText: user.disabled ? 'Mở khóa' : 'Khóa tài khoản',
      okButtonProps: { danger: !user.disabled },
      cancelText: 'Hủy',
      onOk: () => toggle.mutateAsync(user).catch(() => undefined),
    });

  const columns: TableColumnsType<UserItem> = [
    {
      key: 'displayName',
      title: 'Họ và tên',
      sorter: true,
      // The API's default order is by name.
      sortOrder: columnSortOrder(values.sort, 'displayName') ?? (values.sort ? null : 'ascend'),
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{u.username}</Typography.Text>
          </div>
          {narrow && (
            <div>
              {ROLE[u.role] ?? u.role} · {u.unitName}
              {u.disabled && (
                <>
                  {' '}
                  <StatusTag map={USER_STATE} code="disabled" />
                </>
              )}
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'role',
      title: 'Vai trò',
      dataIndex: 'role',
      sorter: true,
      sortOrder: columnSortOrder(values.sort, 'role'),
      responsive: ['md'],
      render: (r: string) => ROLE[r] ?? r,
    },
    { key: 'unitName', title: 'Đơn vị', dataIndex: 'unitName', sorter: true, sortOrder: columnSortOrder(values.sort, 'unitName'), responsive: ['md'] },
    {
      key: 'status',
      title: 'Trạng thái',
      responsive: ['md'],
      render: (_, u) =>
        u.disabled ? (
          <span title={u.disabledAt ? `Khóa lúc ${formatDateTime(u.disabledAt, tz)}` : undefined}>
            <StatusTag map={USER_STATE} code="disabled" />
          </span>
        ) : (
          <StatusTag map={USER_STATE} code="active" />
        ),
    },
    {
      key: 'createdAt',
      title: 'Ngày tạo',
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: columnSortOrder(values.sort, 'createdAt'),
      responsive: ['lg'],
      render: (v: string) => formatDate(v, tz),
    },
    {
      key: 'actions',
      title: narrow ? '' : 'Thao tác',
      width: narrow ? 48 : 120,
      render: (_, u) => (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'edit', label: 'Sửa' },
              { key: 'password', label: 'Đặt lại mật khẩu', disabled: u.id === profile.id },
              {
                key: 'toggle',
                label: u.disabled ? 'Mở khóa' : 'Khóa tài khoản',
                icon: u.disabled ? <UnlockOutlined /> : <LockOutlined />,
                danger: !u.disabled,
                disabled: u.id === profile.id,
              },
            ],
            onClick: ({ key }) => {
              if (key === 'edit') setEditing(u);
              else if (key === 'password') setResetting(u);
              else confirmToggle(u);
            },
          }}
        >
          <Button aria-label={`Thao tác với ${u.username}`} icon={narrow ? <MoreOutlined /> : undefined}>
            {narrow ? null : 'Thao tác'}
          </Button>
        </Dropdown>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Người dùng"
        subtitle="Tài khoản của cán bộ, lãnh đạo và quản trị trong đơn vị của bạn"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm người dùng
          </Button>
        }
      />
      <Form layout="vertical" role="search" aria-label="Lọc người dùng">
        <Row gutter={[12, 0]}>
          <Col xs={24} md={12} xl={7}>
            <Form.Item label="Tìm theo tên hoặc tên đăng nhập" htmlFor="users-q">
              <Input.Search
                id="users-q"
                value={search}
                allowClear
                placeholder="ví dụ: lan, canbo.xa"
                enterButton="Tìm"
                onChange={(e) => {
                  setSearch(e.target.value);
                  if (!e.target.value) set({ q: undefined });
                }}
                onSearch={(v) => set({ q: v.trim() || undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item label="Vai trò" htmlFor="users-role">
              <Select
                id="users-role"
                value={values.role ?? ''}
                onChange={(v) => set({ role: v || undefined })}
                options={[{ value: '', label: 'Tất cả' }, ...Object.entries(ROLE).map(([value, label]) => ({ value, label }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item label="Trạng thái" htmlFor="users-disabled">
              <Select
                id="users-disabled"
                value={values.disabled ?? ''}
                onChange={(v) => set({ disabled: v || undefined })}
                options={[
                  { value: '', label: 'Tất cả' },
                  { value: 'false', label: 'Đang hoạt động' },
                  { value: 'true', label: 'Đã khóa' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={9}>
            <Form.Item label="Đơn vị (gồm các đơn vị trực thuộc)" htmlFor="users-unit">
              <UnitSelect id="users-unit" value={values.unitId} onChange={(v) => set({ unitId: v })} allowClear placeholder="Tất cả đơn vị" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {users.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(users.error)}
          action={<Button onClick={() => void users.refetch()}>Thử lại</Button>}
        />
      )}
      <Table<UserItem>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        scroll={narrow ? undefined : { x: 'max-content' }}
        locale={{ emptyText: users.isLoading ? 'Đang tải…' : 'Không có người dùng nào khớp bộ lọc' }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') set({ sort: sortParam(sorter) });
          else set({ page: pagination.current, pageSize: pagination.pageSize === PAGE_SIZE ? undefined : pagination.pageSize });
        }}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `${total} người dùng`,
        }}
      />
      <UserFormModal
        open={editing !== null}
        user={editing && editing !== 'new' ? editing : undefined}
        selfId={profile.id}
        onClose={() => setEditing(null)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
