import { DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { BoardFormModal } from '../../components/devices/board-form-modal';
import { DeviceTokenModal } from '../../components/devices/device-token-modal';
import type { Board, IssuedToken } from '../../components/devices/device-types';
import { OnlineState } from '../../components/devices/online-state';
import { PageHeader } from '../../components/page-header';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { useUrlState } from '../../lib/url-state';

const PAGE_SIZE = 20;
const KEYS = [] as const;

/** Bảng tin: the electronic boards of the subtree, online state, and their kiosk link (with a fresh token). */
export default function BoardsPage() {
  const profile = useProfile();
  const { page, set } = useUrlState(KEYS);
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Board | 'new' | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  const list = useQuery({
    queryKey: ['boards', { page }],
    queryFn: () => unwrap(api.GET('/api/v1/boards', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    refetchInterval: 30_000,
    placeholderData: (prev) => prev,
  });
  const rotate = useMutation({
    mutationFn: (b: Board) => unwrap(api.POST('/api/v1/boards/{id}/token', { params: { path: { id: b.id } } })),
    onSuccess: (b) => {
      setIssued({ deviceName: b.name, token: b.token, kioskUrl: b.kioskUrl });
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (b: Board) => unwrap(api.DELETE('/api/v1/boards/{id}', { params: { path: { id: b.id } } })),
    onSuccess: () => {
      void message.success('Đã xóa bảng tin');
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<Board> = [
    { title: 'Tên bảng tin', dataIndex: 'name' },
    { title: 'Trạng thái', key: 'online', render: (_, b) => <OnlineState online={b.online} lastSeenAt={b.lastSeenAt} timeZone={profile.timeZone} /> },
    { title: 'Nơi đặt', key: 'where', responsive: ['md'], render: (_, b) => [b.villageName ?? b.unitName, b.location].filter(Boolean).join(' · ') },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 150,
      render: (_, b) => (
        <Flex gap={4}>
          <Button type="text" icon={<EditOutlined />} aria-label={`Sửa ${b.name}`} onClick={() => setEditing(b)} />
          <Tooltip title="Cấp mã mới và lấy đường dẫn màn hình">
            <Button
              type="text"
              icon={<KeyOutlined />}
              aria-label={`Cấp mã mới, lấy đường dẫn màn hình của ${b.name}`}
              onClick={() =>
                modal.confirm({
                  title: `Cấp mã mới cho "${b.name}"?`,
                  content: 'Đường dẫn màn hình chứa mã thiết bị nên chỉ hiện khi cấp mã. Mã cũ ngừng hoạt động ngay: hãy mở đường dẫn mới trên bảng tin.',
                  okText: 'Cấp mã mới',
                  cancelText: 'Hủy',
                  onOk: () => rotate.mutateAsync(b),
                })
              }
            />
          </Tooltip>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`Xóa ${b.name}`}
            onClick={() =>
              modal.confirm({
                title: `Xóa bảng tin "${b.name}"?`,
                content: 'Bảng tin sẽ thôi hiển thị; báo cáo các lượt phát trước vẫn giữ. Không thể hoàn tác.',
                okText: 'Xóa',
                okButtonProps: { danger: true },
                cancelText: 'Hủy',
                onOk: () => remove.mutateAsync(b),
              })
            }
          />
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Bảng tin điện tử"
        subtitle="Màn hình bảng tin và trạng thái kết nối"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm bảng tin
          </Button>
        }
      />
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Board>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : 'Chưa có bảng tin nào. Bấm "Thêm bảng tin" để đăng ký màn hình đầu tiên.'}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => set({ page: p }) }}
      />
      <BoardFormModal open={editing !== null} board={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} onIssued={setIssued} />
      <DeviceTokenModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
