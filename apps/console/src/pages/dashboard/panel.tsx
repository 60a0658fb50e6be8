import { Flex, theme } from 'antd';
import { useId, type ReactNode } from 'react';

/**
 * A titled box for the dashboard: antd's Card would pull Tabs into the first screen's bundle (13 KB gzip),
 * this is a section with a real heading.
 */
export function Panel({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      style={{ background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, height: '100%' }}
    >
      <Flex justify="space-between" align="center" gap={8} style={{ padding: '12px 20px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <h2 id={id} style={{ fontSize: 16, fontWeight: 600, margin: 0 }}>
          {title}
        </h2>
        {extra}
      </Flex>
      <div style={{ padding: '12px 20px 16px' }}>{children}</div>
    </section>
  );
}
