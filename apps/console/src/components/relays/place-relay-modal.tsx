import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { formatDate, formatTime } from '../../lib/time';
import { EmptyText } from '../broadcasts/broadcast-tags';
import { relayApi, type Relay, type RelayAiring } from './relay-api';

/** The two refusals of a placement, told apart by the error's code (relay.full, relay.placed). */
function placeError(error: unknown): string {
  if (error instanceof ApiError && error.body.code === 'relay.full') return 'Khung giờ đã đầy: chọn buổi phát khác.';
  if (error instanceof ApiError && error.body.code === 'relay.placed') return 'Tin đã được xếp vào chương trình phát.';
  return errorMessage(error);
}

/** Lists the airings of the next 7 days the relay can go into; choosing one places it there. */
export function PlaceRelayModal({ relay, tz, onClose, onPlaced }: { relay: Relay; tz: string; onClose: () => void; onPlaced: (r: Relay) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const airings = useQuery({ queryKey: ['relays', relay.id, 'airings'], queryFn: () => relayApi.airings(relay.id) });
  const place = useMutation({
    mutationFn: (a: RelayAiring) => relayApi.place(relay.id, { slotId: a.slotId, airsAt: a.airsAt }),
    onSuccess: onPlaced,
  });
  const key = (a: RelayAiring) => `${a.slotId}@${a.airsAt}`;
  const choose = (a: RelayAiring) => {
    setChosen(key(a));
    place.mutate(a);
  };

  return (
    <Modal open title={`Xếp vào khung giờ: ${relay.title}`} onCancel={onClose} footer={<Button onClick={onClose}>Đóng</Button>} width={720} destroyOnHidden>
      <Typography.Paragraph>
        Chọn một buổi phát trong 7 ngày tới. Các cụm loa phát khung giờ đó sẽ phát tin trong buổi này; các cụm loa khác của xã phát ở buổi sớm nhất còn chỗ sau đó.
      </Typography.Paragraph>
      {place.error && <Alert type="error" showIcon title={placeError(place.error)} style={{ marginBottom: 12 }} role="alert" />}
      {airings.error && <Alert type="error" showIcon title={`Không tải được các buổi phát: ${errorMessage(airings.error)}`} style={{ marginBottom: 12 }} />}
      <Table<RelayAiring>
        size="small"
        rowKey={key}
        dataSource={airings.data ?? []}
        loading={airings.isPending}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyText>{airings.isPending ? 'Đang tải…' : 'Không có buổi phát nào trong 7 ngày tới: hãy thêm khung giờ phát cho cụm loa của xã.'}</EmptyText> }}
        columns={[
          { key: 'date', title: 'Ngày', render: (_, a) => formatDate(a.airsAt, tz) },
          { key: 'slot', title: 'Khung giờ phát', render: (_, a) => a.slotLabel },
          { key: 'time', title: 'Giờ', render: (_, a) => formatTime(a.airsAt, tz) },
          {
            key: 'room',
            title: 'Còn chỗ',
            render: (_, a) => (a.withRoom === 0 ? 'Đã đầy' : `${formatNumber(a.withRoom)}/${formatNumber(a.stations)} cụm loa`),
          },
          {
            key: 'action',
            title: 'Chọn',
            render: (_, a) => (
              <Button
                size="small"
                type="primary"
                disabled={a.withRoom === 0 || (place.isPending && chosen !== key(a))}
                loading={place.isPending && chosen === key(a)}
                aria-label={`Chọn ${a.slotLabel} ${formatTime(a.airsAt, tz)} ngày ${formatDate(a.airsAt, tz)}`}
                onClick={() => choose(a)}
              >
                Chọn
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}
