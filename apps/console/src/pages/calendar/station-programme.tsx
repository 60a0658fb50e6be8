import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Empty, Flex, List, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { broadcastApi } from '../../components/broadcasts/broadcast-api';
import { EmptyText, PriorityTag } from '../../components/broadcasts/broadcast-tags';
import { errorMessage } from '../../lib/form-errors';
import { DELIVERY_STATUS } from '../../lib/labels';
import { dayjs, formatTime } from '../../lib/time';

/** A slot bound as the API gives it: a wall time ("06:00") or an instant shown on the unit's clock. */
function clock(value: string, tz: string): string {
  return /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : formatTime(value, tz);
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m} phút ${s ? `${s} giây` : ''}`.trim() : `${s} giây`;
}

/** One station's day: its programme slots and the bulletins placed in each. */
export function StationProgramme({ tz }: { tz: string }) {
  const [stationId, setStationId] = useState<string | undefined>();
  const [day, setDay] = useState(() => dayjs(dayjs().tz(tz).format('YYYY-MM-DD')));
  const stations = useQuery({ queryKey: ['stations', { pageSize: 100 }], queryFn: broadcastApi.stations });
  const date = day.format('YYYY-MM-DD');
  const programme = useQuery({
    queryKey: ['stations', stationId, 'programme', date],
    queryFn: () => broadcastApi.programme(stationId!, date),
    enabled: !!stationId,
  });
  // Slot times read on the station's own clock when the answer names it.
  const zone = programme.data?.timeZone ?? tz;

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap>
        <Flex vertical>
          <label htmlFor="programme-station">Cụm loa</label>
          <Select
            id="programme-station"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn cụm loa"
            style={{ width: 260 }}
            loading={stations.isLoading}
            value={stationId}
            onChange={setStationId}
            notFoundContent="Chưa có cụm loa nào"
            options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="programme-day">Ngày</label>
          <DatePicker id="programme-day" format="DD/MM/YYYY" allowClear={false} value={day} onChange={(d) => d && setDay(d)} />
        </Flex>
      </Flex>
      {stations.error && <Alert type="error" showIcon title={errorMessage(stations.error)} />}
      {!stationId ? (
        <Empty description="Chọn một cụm loa để xem chương trình phát trong ngày" />
      ) : programme.isLoading ? (
        <Spin aria-label="Đang tải chương trình" />
      ) : programme.error ? (
        <Alert type="error" showIcon title={errorMessage(programme.error)} />
      ) : !programme.data?.slots.length ? (
        <Empty description="Cụm loa không có khung giờ phát nào trong ngày này" />
      ) : (
        <Flex vertical gap={12}>
          {programme.data.slots.map((slot) => (
            <Card
              key={slot.startsAt + slot.label}
              size="small"
              title={`${clock(slot.startsAt, zone)}–${clock(slot.endsAt, zone)} · ${slot.label}`}
              extra={<Typography.Text type="secondary">{slot.items.length} bản tin</Typography.Text>}
            >
              <List
                size="small"
                dataSource={slot.items}
                locale={{ emptyText: <EmptyText>Chưa có bản tin nào trong khung giờ này</EmptyText> }}
                renderItem={(item) => (
                  <List.Item>
                    <Flex gap={8} wrap align="center">
                      <Link to={`/broadcasts/${item.broadcastId}`}>{item.messageTitle}</Link>
                      <PriorityTag priority={item.priority} />
                      <Tag color={DELIVERY_STATUS[item.status]?.color}>{DELIVERY_STATUS[item.status]?.label ?? item.status}</Tag>
                      <Typography.Text type="secondary">{duration(item.durationSeconds)}</Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
