import type { ReactNode } from 'react';
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

/** An error in words next to what it concerns, in a red dark enough for WCAG AA (antd's danger red is not). */
export function ErrorText({ children }: { children: ReactNode }) {
  return (
    <span role="alert" style={{ color: '#cf1322', display: 'block' }}>
      {children}
    </span>
  );
}
