import { Flex, Tag } from 'antd';
import { Link } from 'react-router';
import { CHANNEL, OCCURRENCE_STATUS, PRIORITY, labelOf } from '../../lib/labels';
import { formatDateTime, formatTime } from '../../lib/time';
import { StatusTag } from '../../components/status-tag';
import type { DashboardOccurrence } from './dashboard-types';
import { LinkList } from './link-list';
import { Panel } from './panel';

/** Occurrences due in a period, each opening its broadcast. */
export function UpcomingCard({ title, items, timeZone, today }: { title: string; items: DashboardOccurrence[]; timeZone?: string; today?: boolean }) {
  return (
    <Panel title={`${title} (${items.length})`} extra={<Link to="/calendar">Lịch phát</Link>}>
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
                {o.status === 'held' && <StatusTag map={OCCURRENCE_STATUS} code="held" />}
                {o.priority !== 'normal' && <StatusTag map={PRIORITY} code={o.priority} />}
                {o.channels.map((c) => (
                  <Tag key={c}>{labelOf(CHANNEL, c)}</Tag>
                ))}
              </span>
            </Flex>
          ),
        }))}
      />
    </Panel>
  );
}
