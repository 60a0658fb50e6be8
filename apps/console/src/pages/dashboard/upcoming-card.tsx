import { Card, Flex, Tag } from 'antd';
import { Link } from 'react-router';
import { CHANNEL, PRIORITY, labelOf } from '../../lib/labels';
import { formatDateTime, formatTime } from '../../lib/time';
import type { DashboardOccurrence } from './dashboard-types';
import { LinkList } from './link-list';

/** Occurrences due in a period, each opening its broadcast. */
export function UpcomingCard({ title, items, timeZone, today }: { title: string; items: DashboardOccurrence[]; timeZone?: string; today?: boolean }) {
  return (
    <Card title={`${title} (${items.length})`} extra={<Link to="/calendar">Lịch phát</Link>} style={{ height: '100%' }}>
      <LinkList
        empty={today ? 'Hôm nay không có lượt phát nào.' : 'Không có lượt phát nào trong 7 ngày tới.'}
        items={items.map((o) => ({
          key: o.occurrenceId,
          main: (
            <Flex vertical gap={2}>
              <span>
                <strong>{today ? formatTime(o.dueAt, timeZone) : formatDateTime(o.dueAt, timeZone)}</strong>{' '}
                <Link to={`/broadcasts/${o.broadcastId}`}>{o.messageTitle}</Link>
              </span>
              <span>
                {o.status === 'held' && <Tag color="warning">Đang tạm giữ</Tag>}
                {o.priority !== 'normal' && <Tag color={PRIORITY[o.priority]?.color}>{labelOf(PRIORITY, o.priority)}</Tag>}
                {o.channels.map((c) => (
                  <Tag key={c}>{labelOf(CHANNEL, c)}</Tag>
                ))}
              </span>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
