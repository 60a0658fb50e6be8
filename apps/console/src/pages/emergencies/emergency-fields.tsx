import { Button, Checkbox, DatePicker, Flex, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId } from 'react';
import { ErrorText } from '../../components/broadcasts/broadcast-tags';
import { CHANNEL } from '../../lib/labels';
import { dayjs } from '../../lib/time';
import type { EmergencyPreview } from './emergency-api';
import { EMERGENCY_CHANNELS, REPEAT_HOURS, REPEAT_MAX_DAYS } from './emergency-labels';

/**
 * The channels: every channel ready to reach the units by default (`value` null; the preview says
 * which and why the others are not); ticking or unticking one makes the choice explicit.
 */
export function EmergencyChannelsField({
  value,
  onChange,
  preview,
  error,
}: {
  value: string[] | null;
  onChange: (channels: string[] | null) => void;
  preview: EmergencyPreview | undefined;
  error?: string;
}) {
  const checked = value ?? preview?.channels ?? [];
  const whyNot = (channel: string) => preview?.warnings.find((w) => w.code === 'channel-unavailable' && w.channel === channel)?.message;
  const toggle = (channel: string, on: boolean) => onChange(on ? [...checked, channel] : checked.filter((c) => c !== channel));
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 8 }}>
        <strong>Kênh phát</strong>{' '}
        <Typography.Text type="secondary">
          {value === null ? '(mặc định: mọi kênh sẵn sàng đến các đơn vị đã chọn)' : '(đã chọn riêng)'}
        </Typography.Text>
      </legend>
      <Flex vertical gap={6}>
        {EMERGENCY_CHANNELS.map((c) => {
          const reason = value === null ? whyNot(c) : undefined;
          return (
            <div key={c}>
              <Checkbox checked={checked.includes(c)} onChange={(e) => toggle(c, e.target.checked)}>
                {CHANNEL[c]}
              </Checkbox>
              {reason && (
                <Typography.Text type="secondary" style={{ display: 'block', marginInlineStart: 24, fontSize: 13 }}>
                  {reason}
                </Typography.Text>
              )}
            </div>
          );
        })}
      </Flex>
      {value !== null && (
        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onChange(null)}>
          Dùng mọi kênh sẵn sàng
        </Button>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </fieldset>
  );
}

export interface RepeatChoice {
  on: boolean;
  everyHours: number;
  until: Dayjs | null;
}

export const NO_REPEAT: RepeatChoice = { on: false, everyHours: 2, until: null };

/** "Lặp lại mỗi N giờ đến …" (storm bulletins repeat until withdrawn; no end: until cancelled, at most 7 days). */
export function EmergencyRepeatField({ value, onChange, error }: { value: RepeatChoice; onChange: (v: RepeatChoice) => void; error?: string }) {
  const switchId = useId();
  const everyId = useId();
  const untilId = useId();
  return (
    <Flex vertical gap={8}>
      <Flex align="center" gap={8}>
        <Switch id={switchId} checked={value.on} onChange={(on) => onChange({ ...value, on })} />
        <label htmlFor={switchId}>Phát lặp lại (đến giờ đã chọn hoặc khi hủy, tối đa {REPEAT_MAX_DAYS} ngày)</label>
      </Flex>
      {value.on && (
        <Flex wrap gap={12} align="center">
          <Flex align="center" gap={8}>
            <label htmlFor={everyId}>Mỗi</label>
            <Select
              id={everyId}
              value={value.everyHours}
              onChange={(everyHours) => onChange({ ...value, everyHours })}
              options={REPEAT_HOURS.map((h) => ({ value: h, label: `${h} giờ` }))}
              style={{ width: 110 }}
            />
          </Flex>
          <Flex align="center" gap={8}>
            <label htmlFor={untilId}>đến</label>
            <DatePicker
              id={untilId}
              showTime={{ format: 'HH:mm' }}
              format="DD/MM/YYYY HH:mm"
              placeholder={`khi hủy (tối đa ${REPEAT_MAX_DAYS} ngày)`}
              value={value.until}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(REPEAT_MAX_DAYS, 'day'), 'day')}
              onChange={(until) => onChange({ ...value, until })}
            />
          </Flex>
        </Flex>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </Flex>
  );
}
