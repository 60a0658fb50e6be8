import { Alert, Form, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { UNIT_LEVEL } from '../../lib/admin-labels';
import { applyApiErrors } from '../../lib/form-errors';
import { CHANNEL } from '../../lib/labels';
import { ACTIVITY_KIND, CONTENT_GROUP, METRIC_CHANNELS, PLAN_METRIC, options } from '../reports/report-labels';
import type { Target, TargetBody } from './plan-types';

/** One target: what is counted (metric, content group, channel), for which level of unit, how much per unit. */
export function TargetFormModal({ open, target, onClose, onSave }: { open: boolean; target?: Target; onClose: () => void; onSave: (body: TargetBody) => Promise<unknown> }) {
  const [form] = Form.useForm<TargetBody>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const metric = Form.useWatch('metric', form);
  const channels = METRIC_CHANNELS[metric ?? ''] ?? [];
  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    if (target)
      form.setFieldsValue({
        metric: target.metric as TargetBody['metric'],
        activityKind: (target.activityKind ?? undefined) as TargetBody['activityKind'],
        contentGroup: (target.contentGroup ?? undefined) as TargetBody['contentGroup'],
        channel: (target.channel ?? undefined) as TargetBody['channel'],
        unitLevel: target.unitLevel as TargetBody['unitLevel'],
        value: target.value,
      });
    else form.setFieldsValue({ metric: 'broadcasts', unitLevel: 'commune' });
  }, [open, target, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const channel = v.channel && METRIC_CHANNELS[v.metric]?.includes(v.channel) ? v.channel : undefined;
      await onSave({ ...v, activityKind: v.metric === 'activities' ? v.activityKind : undefined, channel });
      onClose();
    } catch (error) {
      setFailure(applyApiErrors(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={target ? 'Sửa chỉ tiêu' : 'Thêm chỉ tiêu'} okText="Lưu" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="metric" label="Chỉ tiêu đo" rules={[{ required: true, message: 'Chọn chỉ tiêu đo.' }]}>
          <Select options={options(PLAN_METRIC)} onChange={(m: string) => !METRIC_CHANNELS[m]?.includes(form.getFieldValue('channel')) && form.setFieldValue('channel', undefined)} />
        </Form.Item>
        {metric === 'activities' && (
          <Form.Item name="activityKind" label="Loại hoạt động" extra="Để trống: mọi loại hoạt động.">
            <Select allowClear options={options(ACTIVITY_KIND)} />
          </Form.Item>
        )}
        <Form.Item name="contentGroup" label="Nhóm nội dung" extra="Để trống: mọi nhóm nội dung.">
          <Select allowClear options={options(CONTENT_GROUP)} />
        </Form.Item>
        {channels.length > 0 && (
          <Form.Item name="channel" label="Kênh" extra={channels.length > 1 ? 'Để trống: mọi kênh.' : 'Chỉ tiêu này chỉ tính trên kênh này.'}>
            <Select allowClear options={channels.map((c) => ({ value: c, label: CHANNEL[c] ?? c }))} />
          </Form.Item>
        )}
        <Form.Item name="unitLevel" label="Áp dụng cho cấp" rules={[{ required: true, message: 'Chọn cấp đơn vị.' }]}>
          <Select options={options(UNIT_LEVEL)} />
        </Form.Item>
        <Form.Item name="value" label="Chỉ tiêu cho mỗi đơn vị, cả kỳ" rules={[{ required: true, message: 'Nhập chỉ tiêu (từ 0 trở lên).' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
