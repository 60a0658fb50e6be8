import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import type { Slot } from './device-types';
import { DAYS } from './slot-form';

/** The week at a glance: each day lists the slots airing on it, in time order (a grid that wraps on a phone). */
export function WeeklySlots({ slots, onRemove, readOnly }: { slots: Slot[]; onRemove?: (slot: Slot) => void; readOnly?: boolean }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
      {DAYS.map((d) => {
        const today = slots.filter((s) => s.daysOfWeek.includes(d.value)).sort((a, b) => a.startTime.localeCompare(b.startTime));
        return (
          <Card key={d.value} size="small" title={d.long} styles={{ body: { padding: 8 } }}>
            {today.length === 0 ? (
              <Typography.Text type="secondary">Không phát</Typography.Text>
            ) : (
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {today.map((s) => (
                  <li key={s.id} style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '2px 0' }}>
                    <span style={{ flex: 1, minWidth: 0 }}>
                      <strong>
                        {s.startTime.slice(0, 5)}–{s.endTime.slice(0, 5)}
                      </strong>{' '}
                      {s.label}
                    </span>
                    {!readOnly && onRemove && (
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`Xóa khung giờ ${s.label} ${s.startTime.slice(0, 5)}, ${d.long}`}
                        onClick={() => onRemove(s)}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
    </div>
  );
}

export function daysInWords(days: number[]): string {
  if (days.length === 7) return 'mọi ngày';
  return DAYS.filter((d) => days.includes(d.value))
    .map((d) => d.long)
    .join(', ');
}
