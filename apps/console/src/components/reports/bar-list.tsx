import { Typography } from 'antd';
import { formatNumber } from '../../lib/format';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/**
 * Horizontal bars drawn with CSS (no chart library on a cheap laptop): each row names its value in text,
 * so the figure is read, not guessed from a length, and a screen reader hears a plain list.
 */
export function BarList({ bars, caption, unit }: { bars: Bar[]; caption: string; unit?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  if (!bars.length) return <Typography.Text type="secondary">Chưa có số liệu trong kỳ.</Typography.Text>;
  return (
    <ul aria-label={caption} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {bars.map((b) => (
        <li key={b.key} style={{ marginBottom: 8 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>{b.label}</span>
            <strong>
              {formatNumber(b.value)}
              {unit ? ` ${unit}` : ''}
            </strong>
          </div>
          <div aria-hidden style={{ background: '#f0f0f0', borderRadius: 3, height: 10 }}>
            <div style={{ width: `${(b.value / max) * 100}%`, background: '#1677ff', height: 10, borderRadius: 3 }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
