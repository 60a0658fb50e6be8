import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A plain list of rows (links with a line of detail); the dashboard's cards share it. */
export function LinkList({ items, empty }: { items: { key: string; main: ReactNode; extra?: ReactNode }[]; empty: string }) {
  if (!items.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((i) => (
        <li key={i.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" gap={8} wrap>
            <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{i.main}</span>
            {i.extra && <Typography.Text type="secondary">{i.extra}</Typography.Text>}
          </Flex>
        </li>
      ))}
    </ul>
  );
}
