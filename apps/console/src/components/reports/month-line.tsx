import { Typography } from 'antd';
import { formatNumber } from '../../lib/format';

export interface Point {
  label: string;
  value: number;
}

const W = 600;
const H = 160;
const PAD = 28;

/** A small SVG line by month; the values are printed under their points, the SVG is described in words. */
export function MonthLine({ points, caption }: { points: Point[]; caption: string }) {
  if (!points.length) return <Typography.Text type="secondary">Chưa có số liệu trong kỳ.</Typography.Text>;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length > 1 ? (W - 2 * PAD) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [PAD + i * step + (points.length === 1 ? (W - 2 * PAD) / 2 : 0), H - PAD - (p.value / max) * (H - 2 * PAD)] as const);
  const description = `${caption}: ${points.map((p) => `${p.label} ${formatNumber(p.value)}`).join('; ')}`;
  return (
    <svg viewBox={`0 0 ${W} ${H + 10}`} role="img" aria-label={description} style={{ width: '100%', maxWidth: W, height: 'auto' }}>
      <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke="#8c8c8c" />
      <polyline fill="none" stroke="#1677ff" strokeWidth={2} points={xy.map(([x, y]) => `${x},${y}`).join(' ')} />
      {xy.map(([x, y], i) => (
        <g key={points[i].label}>
          <circle cx={x} cy={y} r={3.5} fill="#1677ff" />
          <text x={x} y={y - 8} textAnchor="middle" fontSize={12} fill="#262626">
            {formatNumber(points[i].value)}
          </text>
          <text x={x} y={H - PAD + 16} textAnchor="middle" fontSize={12} fill="#434343">
            {points[i].label}
          </text>
        </g>
      ))}
    </svg>
  );
}
