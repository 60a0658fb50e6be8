import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, TimePicker, type GetProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { send } from '../../lib/api-loose';
import { applyApiErrors } from '../../lib/form-errors';
import type { Slot } from './device-types';

export const DAYS: { value: number; short: string; long: string }[] = [
  { value: 1, short: 'T2', long: 'Thứ Hai' },
  { value: 2, short: 'T3', long: 'Thứ Ba' },
  { value: 3, short: 'T4', long: 'Thứ Tư' },
  { value: 4, short: 'T5', long: 'Thứ Năm' },
  { value: 5, short: 'T6', long: 'Thứ Sáu' },
  { value: 6, short: 'T7', long: 'Thứ Bảy' },
  { value: 7, short: 'CN', long: 'Chủ Nhật' },
];

type CheckboxGroupProps<T> = GetProps<typeof Checkbox.Group<T>>;

/** The day checkboxes as a labelled group; aria-required is not allowed on a group, so Form.Item's is dropped. */
function DaysOfWeek({ 'aria-required': _required, ...props }: CheckboxGroupProps<number> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} aria-label="Các ngày trong tuần" options={DAYS.map((d) => ({ value: d.value, label: d.long }))} />;
}

interface Values {
  label: string;
  daysOfWeek: number[];
  startTime: Dayjs;
  endTime: Dayjs;
  validFrom?: Dayjs | null;
  validUntil?: Dayjs | null;
}

/** Adds a weekly slot to a station; an overlap (409) is shown in words on the start time, the input is kept. */
export function SlotForm({ stationId, onAdded }: { stationId: string; onAdded: (slot: Slot) => void }) {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (v: Values) =>
      send<Slot>('POST', '/api/v1/loudspeakers/slots', {
        body: {
          stationId,
          label: v.label.trim(),
          daysOfWeek: [...v.daysOfWeek].sort(),
          startTime: v.startTime.format('HH:mm'),
          endTime: v.endTime.format('HH:mm'),
          validFrom: v.validFrom ? v.validFrom.format('YYYY-MM-DD') : null,
          validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null,
        },
      }),
    onSuccess: (slot) => {
      setFormError(null);
      form.resetFields(['label', 'startTime', 'endTime']);
      onAdded(slot);
    },
    onError: (e) => setFormError(applyApiErrors(form, e)),
  });
  const setDays = (days: number[]) => form.setFieldValue('daysOfWeek', days);

  return (
    <Form form={form} name="slot" layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ daysOfWeek: [1, 2, 3, 4, 5, 6, 7] }} requiredMark="optional">
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Flex gap={12} wrap>
        <Form.Item name="label" label="Tên khung giờ" rules={[{ required: true, whitespace: true, message: 'Nhập tên, ví dụ "Bản tin sáng"' }, { max: 200 }]} style={{ flex: '1 1 200px' }}>
          <Input placeholder="Bản tin sáng" />
        </Form.Item>
        <Form.Item name="startTime" label="Bắt đầu" rules={[{ required: true, message: 'Chọn giờ bắt đầu' }]}>
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} placeholder="06:00" />
        </Form.Item>
        <Form.Item
          name="endTime"
          label="Kết thúc"
          dependencies={['startTime']}
          extra="Trước giờ bắt đầu: kết thúc sáng hôm sau."
          rules={[
            { required: true, message: 'Chọn giờ kết thúc' },
            ({ getFieldValue }) => ({
              validator: (_, end?: Dayjs) =>
                end && getFieldValue('startTime')?.format('HH:mm') === end.format('HH:mm') ? Promise.reject(new Error('Giờ kết thúc phải khác giờ bắt đầu')) : Promise.resolve(),
            }),
          ]}
        >
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} placeholder="06:30" />
        </Form.Item>
      </Flex>
      <Form.Item name="daysOfWeek" label="Các ngày trong tuần" rules={[{ required: true, type: 'array', min: 1, message: 'Chọn ít nhất một ngày' }]}>
        <DaysOfWeek />
      </Form.Item>
      <Flex gap={8} wrap style={{ marginTop: -12, marginBottom: 16 }}>
        <Button size="small" onClick={() => setDays([1, 2, 3, 4, 5, 6, 7])}>
          Cả tuần
        </Button>
        <Button size="small" onClick={() => setDays([1, 2, 3, 4, 5])}>
          Thứ Hai – Thứ Sáu
        </Button>
        <Button size="small" onClick={() => setDays([6, 7])}>
          Cuối tuần
        </Button>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="validFrom" label="Áp dụng từ ngày">
          <DatePicker format="DD/MM/YYYY" placeholder="Ngay từ bây giờ" />
        </Form.Item>
        <Form.Item name="validUntil" label="Đến hết ngày">
          <DatePicker format="DD/MM/YYYY" placeholder="Không giới hạn" />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
        Thêm khung giờ
      </Button>
    </Form>
  );
}
