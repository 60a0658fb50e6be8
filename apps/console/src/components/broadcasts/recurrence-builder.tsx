import { Checkbox, DatePicker, Flex, InputNumber, Radio, Select, Typography } from 'antd';
import { useId } from 'react';
import { dayjs } from '../../lib/time';
import { WEEKDAYS, type RecurrenceValue } from './recurrence-rule';
import { ErrorText } from './broadcast-tags';

const FREQS = [
  { value: 'DAILY', label: 'Hằng ngày' },
  { value: 'WEEKLY', label: 'Hằng tuần' },
  { value: 'MONTHLY', label: 'Hằng tháng' },
];
const UNIT: Record<RecurrenceValue['freq'], string> = { DAILY: 'ngày', WEEKLY: 'tuần', MONTHLY: 'tháng' };

/** Daily, weekly on chosen days or monthly, every N, ending after a number of times or on a date. */
export function RecurrenceBuilder({
  value,
  onChange,
  startDay,
  errors,
}: {
  value: RecurrenceValue;
  onChange: (next: RecurrenceValue) => void;
  /** The first occurrence's day, for "monthly on day D" and the earliest end date. */
  startDay: dayjs.Dayjs | null;
  errors?: { rrule?: string; count?: string; until?: string };
}) {
  const id = useId();
  const set = (patch: Partial<RecurrenceValue>) => onChange({ ...value, ...patch });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <label htmlFor={`${id}-freq`}>Lặp lại</label>
        <Select id={`${id}-freq`} style={{ width: 140 }} value={value.freq} options={FREQS} onChange={(freq) => set({ freq })} />
        <label htmlFor={`${id}-interval`}>mỗi</label>
        <InputNumber id={`${id}-interval`} min={1} max={99} style={{ width: 72 }} value={value.interval} onChange={(n) => set({ interval: n ?? 1 })} />
        <span>{UNIT[value.freq]}</span>
      </Flex>
      {value.freq === 'WEEKLY' && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 4 }}>Vào các ngày</legend>
          <Checkbox.Group value={value.byDay} onChange={(byDay) => set({ byDay: byDay as string[] })}>
            <Flex wrap gap={4}>
              {WEEKDAYS.map((d) => (
                <Checkbox key={d.code} value={d.code} aria-label={d.long}>
                  {d.short}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
          {value.byDay.length === 0 && <ErrorText>Chọn ít nhất một ngày trong tuần</ErrorText>}
        </fieldset>
      )}
      {value.freq === 'MONTHLY' && startDay && (
        <Typography.Text type="secondary">
          Vào ngày {startDay.date()} mỗi tháng{startDay.date() > 28 ? ' (tháng không có ngày này sẽ bỏ qua)' : ''}.
        </Typography.Text>
      )}
      {errors?.rrule && <ErrorText>{errors.rrule}</ErrorText>}
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 4 }}>Kết thúc</legend>
        <Radio.Group value={value.end} onChange={(e) => set({ end: e.target.value })} style={{ fontSize: 14 }}>
          <Flex vertical gap={8}>
            <Flex gap={8} align="center" wrap>
              <Radio value="count">Sau</Radio>
              <InputNumber
                aria-label="Số lần phát"
                min={1}
                max={1000}
                style={{ width: 90 }}
                disabled={value.end !== 'count'}
                value={value.count}
                onChange={(n) => set({ count: n ?? 1 })}
                status={errors?.count ? 'error' : undefined}
              />
              <span>lần phát</span>
            </Flex>
            <Flex gap={8} align="center" wrap>
              <Radio value="until">Đến hết ngày</Radio>
              <DatePicker
                aria-label="Ngày kết thúc"
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                disabled={value.end !== 'until'}
                value={value.untilDate ? dayjs(value.untilDate) : null}
                disabledDate={(d) => (startDay ? d.isBefore(startDay, 'day') : false)}
                onChange={(d) => set({ untilDate: d ? d.format('YYYY-MM-DD') : null })}
                status={errors?.until ? 'error' : undefined}
              />
            </Flex>
          </Flex>
        </Radio.Group>
        {(errors?.count || errors?.until) && <ErrorText>{errors.count ?? errors.until}</ErrorText>}
      </fieldset>
    </Flex>
  );
}
