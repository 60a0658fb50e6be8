import { DeleteOutlined, EditOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { unwrap, api, ApiError } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { DeviceTokenModal } from '../../components/devices/device-token-modal';
import { STATION_KIND, type IssuedToken, type Slot, type StationDetail } from '../../components/devices/device-types';
import { OnlineState } from '../../components/devices/online-state';
import { StationAirtime } from '../../components/devices/station-airtime';
import { StationFormModal } from '../../components/devices/station-form-modal';
import { StationSlots } from '../../components/devices/station-slots';
import { useVillages } from '../../components/subscribers/village-select';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';

/** One station: its state, weekly programme slots, token rotation and airtime. */
export default function StationDetailPage() {
  const { id = '' } = useParams();
  const profile = useProfile();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const station = useQuery({
    queryKey: ['station', id],
    queryFn: () => unwrap(api.GET('/api/v1/loudspeakers/stations/{id}', { params: { path: { id } } })),
    refetchInterval: 30_000,
  });
  const villages = useVillages(station.data?.unitId);
  const tz = station.data?.timeZone ?? profile.timeZone;

  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/loudspeakers/stations/{id}/token', { params: { path: { id } } })),
    onSuccess: ({ token }) => setIssued({ deviceName: station.data?.name ?? '', token }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/loudspeakers/stations/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void message.success('Đã xóa cụm loa');
      void queryClient.invalidateQueries({ queryKey: ['stations'] });
      navigate('/stations');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (station.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (station.isError) {
    const missing = station.error instanceof ApiError && station.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? 'Không tìm thấy cụm loa' : 'Chưa tải được cụm loa'}
        subTitle={missing ? 'Cụm loa không tồn tại hoặc không thuộc đơn vị của bạn.' : errorMessage(station.error)}
        extra={missing ? <Link to="/stations">Về danh sách cụm loa</Link> : <Button onClick={() => void station.refetch()}>Thử lại</Button>}
      />
    );
  }
  const s = station.data;
  const villageNames = s.villageIds.map((v) => villages.data?.find((x) => x.id === v)?.fullName ?? '…').join(', ');

  return (
    <>
      <PageHeader
        title={s.name}
        subtitle={<Link to="/stations">← Danh sách cụm loa</Link>}
        extra={
          <>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Sửa
            </Button>
            <Button
              icon={<KeyOutlined />}
              loading={rotate.isPending}
              onClick={() =>
                modal.confirm({
                  title: 'Cấp mã thiết bị mới?',
                  content: 'Mã cũ ngừng hoạt động ngay: thiết bị sẽ không nhận lịch phát cho đến khi được nhập mã mới.',
                  okText: 'Cấp mã mới',
                  cancelText: 'Hủy',
                  onOk: () => rotate.mutateAsync(),
                })
              }
            >
              Cấp mã mới
            </Button>
            <Button
              danger
              icon={<DeleteOutlined />}
              onClick={() =>
                modal.confirm({
                  title: `Xóa cụm loa "${s.name}"?`,
                  content: 'Các khung giờ của cụm loa cũng bị xóa. Không thể hoàn tác.',
                  okText: 'Xóa',
                  okButtonProps: { danger: true },
                  cancelText: 'Hủy',
                  onOk: () => remove.mutateAsync(),
                })
              }
            >
              Xóa
            </Button>
          </>
        }
      />
      {!s.online && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Cụm loa đang mất kết nối"
          description={
            s.lastSeenAt
              ? `Tín hiệu cuối lúc ${formatDateTime(s.lastSeenAt, tz)}. Kiểm tra nguồn điện và mạng của thiết bị.`
              : 'Thiết bị chưa kết nối lần nào: hãy nhập mã thiết bị vào cụm loa (bấm "Cấp mã mới" nếu chưa lưu mã).'
          }
        />
      )}
      <Flex vertical gap={16}>
        <Card title="Thông tin">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="Trạng thái">
              <OnlineState online={s.online} lastSeenAt={s.lastSeenAt} timeZone={tz} />
            </Descriptions.Item>
            <Descriptions.Item label="Loại">{STATION_KIND[s.kind] ?? s.kind}</Descriptions.Item>
            <Descriptions.Item label="Vị trí">{s.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Hãng thiết bị">{s.vendor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Thôn, tổ dân phố">{s.villageIds.length ? villageNames : 'Cả đơn vị'}</Descriptions.Item>
            <Descriptions.Item label="Đăng ký lúc">{formatDateTime(s.createdAt, tz)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="Khung giờ phát hằng tuần">
          <StationSlots station={s} onChange={(slots: Slot[]) => queryClient.setQueryData(['station', id], { ...s, slots })} />
        </Card>
        <Card title="Thời lượng đã phát">
          <StationAirtime stationId={s.id} />
        </Card>
      </Flex>
      <StationFormModal open={editing} station={s} onClose={() => setEditing(false)} />
      <DeviceTokenModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
