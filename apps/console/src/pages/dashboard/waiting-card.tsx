import { Link } from 'react-router';
import { formatDateTime } from '../../lib/time';
import type { Dashboard } from './dashboard-types';
import { LinkList } from './link-list';
import { Panel } from './panel';

/** What waits for me: drafts returned to an officer, the inbox of a supervisor. */
export function WaitingCard({ waiting, supervisor, timeZone }: { waiting: Dashboard['waiting']; supervisor: boolean; timeZone?: string }) {
  if (supervisor) {
    const more = waiting.inboxTotal - waiting.inbox.length;
    return (
      <Panel title={`Chờ duyệt (${waiting.inboxTotal})`} extra={<Link to="/inbox">Mở hộp thư</Link>}>
        <LinkList
          empty="Không có tin nào chờ duyệt."
          items={waiting.inbox.map((m) => ({
            key: m.id,
            main: (
              <>
                <Link to={`/messages/${m.id}`}>{m.title}</Link> · {m.unitName}
              </>
            ),
            extra: formatDateTime(m.submittedAt, timeZone),
          }))}
        />
        {more > 0 && <Link to="/inbox">và {more} tin khác…</Link>}
      </Panel>
    );
  }
  return (
    <Panel title="Tin bị trả lại cần sửa" extra={<Link to="/messages?status=returned">Xem tất cả</Link>}>
      <LinkList
        empty="Không có tin nào bị trả lại. Mọi tin đã gửi duyệt đang chờ hoặc đã được duyệt."
        items={waiting.returned.map((m) => ({
          key: m.id,
          main: <Link to={`/messages/${m.id}`}>{m.title}</Link>,
          extra: formatDateTime(m.updatedAt, timeZone),
        }))}
      />
    </Panel>
  );
}
