import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { applyApiErrors } from '../../lib/form-errors';
import { dayjs } from '../../lib/time';
import { UnitSelect } from '../unit-select';
import { ACTIVITY_KIND, CONTENT_GROUP, options } from '../reports/report-labels';

type Body = components['schemas']['CreateActivityDto'];
type Values = Omit<Body, 'occurredOn' | 'attachmentIds'> & { occurredOn: Dayjs };

/** Records an activity held off the channels (a conference, a contest…): it counts toward "activities" targets. */
export function ActivityFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    form.setFieldsValue({ occurredOn: dayjs(), contentGroups: [] });
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/activities', { body: { ...v, title: v.title.trim(), place: v.place.trim(), occurredOn: v.occurredOn.format('YYYY-MM-DD'), attachmentIds: [] } }));
      onSaved();
      onClose();
    } catch (error) {
      setFailure(applyApiErrors(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="Ghi nhận hoạt động tuyên truyền" okText="Lưu" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label="Loại hoạt động" rules={[{ required: true, message: 'Chọn loại hoạt động.' }]}>
          <Select options={options(ACTIVITY_KIND)} />
        </Form.Item>
        <Form.Item name="title" label="Tên hoạt động" rules={[{ required: true, whitespace: true, message: 'Nhập tên hoạt động.' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="occurredOn" label="Ngày tổ chức" rules={[{ required: true, message: 'Chọn ngày tổ chức.' }]}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="Địa điểm" rules={[{ required: true, whitespace: true, message: 'Nhập địa điểm.' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="participants" label="Số người tham dự" rules={[{ required: true, message: 'Nhập số người tham dự.' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contentGroups" label="Nhóm nội dung">
          <Select mode="multiple" options={options(CONTENT_GROUP)} />
        </Form.Item>
        <Form.Item name="unitId" label="Đơn vị" extra="Để trống: đơn vị của bạn.">
          <UnitSelect allowClear ownUnitFirst />
        </Form.Item>
      </Form>
    </Modal>
  );
}
