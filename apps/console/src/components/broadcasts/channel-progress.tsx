import { Flex, Progress, Tag, Typography } from 'antd';
import { formatNumber } from '../../lib/format';
import { CHANNEL, DELIVERY_STATUS } from '../../lib/labels';

const OK = ['delivered', 'sent'];
const OPEN = ['planned', 'sending', 'unknown'];

/** One channel's deliveries: a bar of what is finished (green: reached) and the count in each state. */
export function ChannelProgress({ channel, counts }: { channel: string; counts: Record<string, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const open = OPEN.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const ok = OK.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  const label = CHANNEL[channel] ?? channel;
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text type="secondary">
          {formatNumber(total - open)}/{formatNumber(total)} đã xong
        </Typography.Text>
      </Flex>
      <Progress
        percent={pct(total - open)}
        success={{ percent: pct(ok) }}
        status={open ? 'active' : 'normal'}
        aria-label={`${label}: ${pct(total - open)}% đã xong, ${pct(ok)}% đã gửi tới nơi`}
      />
      <Flex wrap gap={4}>
        {Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([status, n]) => (
            <Tag key={status} color={DELIVERY_STATUS[status]?.color}>
              {DELIVERY_STATUS[status]?.label ?? status}: {formatNumber(n)}
            </Tag>
          ))}
      </Flex>
    </Flex>
  );
}
