import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Divider, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import type { Slot, StationDetail } from './device-types';
import { SlotForm } from './slot-form';
import { WeeklySlots, daysInWords } from './weekly-slots';

/** The station's weekly slots (with its group's, read-only), removal with confirmation, and the form to add one. */
export function StationSlots({ station, onChange }: { station: StationDetail; onChange: (slots: Slot[]) => void }) {
  const { modal, message } = App.useApp();
  const group = useQuery({
    queryKey: ['station-group', station.groupId],
    enabled: !!station.groupId,
    queryFn: () => unwrap(api.GET('/api/v1/loudspeakers/groups/{id}', { params: { path: { id: station.groupId! } } })),
  });
  const remove = useMutation({
    mutationFn: (slot: Slot) => unwrap(api.DELETE('/api/v1/loudspeakers/slots/{id}', { params: { path: { id: slot.id } } })),
    onSuccess: (_, slot) => {
      void message.success(`Đã xóa khung giờ "${slot.label}"`);
      onChange(station.slots.filter((s) => s.id !== slot.id));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const confirmRemove = (slot: Slot) =>
    modal.confirm({
      title: `Xóa khung giờ "${slot.label}"?`,
      content: `Khung ${slot.startTime.slice(0, 5)}–${slot.endTime.slice(0, 5)} sẽ bị xóa ở tất cả các ngày áp dụng (${daysInWords(slot.daysOfWeek)}). Bản tin đã xếp vào khung này sẽ được xếp lại.`,
      okText: 'Xóa',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: () => remove.mutateAsync(slot),
    });

  return (
    <Flex vertical gap={12}>
      {station.slots.length === 0 && (
        <Typography.Text type="secondary">
          Cụm loa chưa có khung giờ nào: bản tin thường chỉ phát trong khung giờ (bản tin khẩn cấp phát ngay). Thêm khung giờ ở dưới.
        </Typography.Text>
      )}
      <WeeklySlots slots={station.slots} onRemove={confirmRemove} />
      {station.groupId && group.data && (
        <>
          <Typography.Text strong>Khung giờ của nhóm "{group.data.name}" (cụm loa cũng phát)</Typography.Text>
          <WeeklySlots slots={group.data.slots} readOnly />
        </>
      )}
      <Typography.Text type="secondary">
        Xem bản tin đã xếp vào từng khung trong <Link to={`/calendar?stationId=${station.id}`} style={{ textDecoration: 'underline' }}>
          Lịch phát
        </Link>.
      </Typography.Text>
      <Divider style={{ margin: '4px 0' }} />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        Thêm khung giờ
      </Typography.Title>
      <SlotForm stationId={station.id} onAdded={(slot) => onChange([...station.slots, slot])} />
    </Flex>
  );
}
