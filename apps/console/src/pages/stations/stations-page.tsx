import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { DeviceTokenModal } from '../../components/devices/device-token-modal';
import { STATION_KIND, type IssuedToken, type Station } from '../../components/devices/device-types';
import { OnlineState } from '../../components/devices/online-state';
import { StationFormModal } from '../../components/devices/station-form-modal';
import { UnitSpeechSetting } from '../../components/devices/unit-speech-setting';
import { PageHeader } from '../../components/page-header';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { useUrlState } from '../../lib/url-state';

const PAGE_SIZE = 20;
const KEYS = [] as const;

/** Cụm loa: every station of the subtree with its online state, refreshed every half minute. */
export default function StationsPage() {
  const profile = useProfile();
  const { page, set } = useUrlState(KEYS);
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  const list = useQuery({
    queryKey: ['stations', { page }],
    queryFn: () => unwrap(api.GET('/api/v1/loudspeakers/stations', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    refetchInterval: 30_000,
    placeholderData: (prev) => prev,
  });
  const remove = useMutation({
    mutationFn: (s: Station) => unwrap(api.DELETE('/api/v1/loudspeakers/stations/{id}', { params: { path: { id: s.id } } })),
    onSuccess: () => {
      void message.success('Đã xóa cụm loa');
      void queryClient.invalidateQueries({ queryKey: ['stations'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const confirmRemove = (s: Station) =>
    modal.confirm({
      title: `Xóa cụm loa "${s.name}"?`,
      content: 'Cụm loa sẽ không nhận lịch phát nữa; mã thiết bị của nó ngừng hoạt động. Không thể hoàn tác.',
      okText: 'Xóa',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () => remove.mutateAsync(s),
    });

  const columns: TableColumnsType<Station> = [
    { title: 'Tên cụm loa', dataIndex: 'name', render: (name: string, s) => <Link to={`/stations/${s.id}`}>{name}</Link> },
    { title: 'Trạng thái', key: 'online', render: (_, s) => <OnlineState online={s.online} lastSeenAt={s.lastSeenAt} timeZone={s.timeZone ?? profile.timeZone} /> },
    { title: 'Loại', dataIndex: 'kind', responsive: ['md'], render: (k: Station['kind']) => STATION_KIND[k] ?? k },
    { title: 'Vị trí', dataIndex: 'location', responsive: ['lg'], render: (l: string | null) => l ?? '—' },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 110,
      render: (_, s) => (
        <Flex gap={4}>
          <Button type="text" icon={<EditOutlined />} aria-label={`Sửa ${s.name}`} onClick={() => setEditing(s)} />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={`Xóa ${s.name}`} onClick={() => confirmRemove(s)} />
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Cụm loa"
        subtitle="Cụm loa, đài truyền thanh và trạng thái kết nối"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm cụm loa
          </Button>
        }
      />
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Station>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : 'Chưa có cụm loa nào. Bấm "Thêm cụm loa" để đăng ký cụm đầu tiên.'}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => set({ page: p }) }}
      />
      <StationFormModal
        open={editing !== null}
        station={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onIssued={setIssued}
      />
      <DeviceTokenModal issued={issued} onClose={() => setIssued(null)} />
      <UnitSpeechSetting />
    </>
  );
}
