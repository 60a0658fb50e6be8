import { Flex, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime, fromNow } from '../../lib/time';
import { StatusTag } from '../status-tag';
import { DEVICE_STATE } from './device-types';

/** Re-renders every half minute so "2 phút trước" stays true while the page is open. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** Online/offline with the last heartbeat in words ("2 phút trước") and exact on hover. */
export function OnlineState({ online, lastSeenAt, timeZone }: { online: boolean; lastSeenAt: string | null; timeZone?: string }) {
  useNow();
  return (
    <Flex gap={4} align="center" wrap>
      <StatusTag map={DEVICE_STATE} code={online ? 'online' : 'offline'} />
      {lastSeenAt ? (
        <Tooltip title={`Tín hiệu cuối: ${formatDateTime(lastSeenAt, timeZone)}`}>
          <Typography.Text type="secondary">{fromNow(lastSeenAt)}</Typography.Text>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">chưa kết nối lần nào</Typography.Text>
      )}
    </Flex>
  );
}
