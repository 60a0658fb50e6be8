import { Tag, Tooltip } from 'antd';
import { BROADCAST_STATUS, CHANNEL, PRIORITY } from '../../lib/labels';

export function BroadcastStatusTag({ status, note }: { status: string; note?: string | null }) {
  const s = BROADCAST_STATUS[status];
  const tag = <Tag color={s?.color}>{s?.label ?? status}</Tag>;
  return note ? (
    <Tooltip title={note}>
      <span tabIndex={0} aria-label={`${s?.label ?? status}: ${note}`}>
        {tag}
      </span>
    </Tooltip>
  ) : (
    tag
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  if (priority === 'normal') return null;
  return <Tag color={PRIORITY[priority]?.color}>{PRIORITY[priority]?.label ?? priority}</Tag>;
}

export function channelList(channels: string[]): string {
  return channels.map((c) => CHANNEL[c] ?? c).join(', ');
}

/** A table's or list's "nothing here" in a grey dark enough for WCAG AA (antd's default is too faint). */
export function EmptyText({ children }: { children: string }) {
  return <span style={{ color: '#595959' }}>{children}</span>;
}
