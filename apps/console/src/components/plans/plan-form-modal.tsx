import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { applyApiErrors } from '../../lib/form-errors';
import { dayjs } from '../../lib/time';
import type { PlanDetail, PlanFields } from './plan-types';

interface Values {
  title: string;
  period: [Dayjs, Dayjs];
  decisionNumber?: string;
  decisionDate?: Dayjs;
  decisionSigner?: string;
}
const DAY = 'YYYY-MM-DD';

/** Title, period and the decision that issued the plan; used to create a plan and to change one. */
export function PlanFormModal({ open, plan, onClose, onSave }: { open: boolean; plan?: PlanDetail; onClose: () => void; onSave: (body: PlanFields) => Promise<unknown> }) {
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setFailure(null);
    const year = dayjs().year();
    form.setFieldsValue(
      plan
        ? {
            title: plan.title,
            period: [dayjs(plan.periodFrom), dayjs(plan.periodTo)],
            decisionNumber: plan.decision.number ?? undefined,
            decisionDate: plan.decision.date ? dayjs(plan.decision.date) : undefined,
            decisionSigner: plan.decision.signer ?? undefined,
          }
        : { title: `Kế hoạch thông tin, tuyên truyền cải cách hành chính năm ${year}`, period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] },
    );
  }, [open, plan, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: PlanFields = {
      title: v.title.trim(),
      from: v.period[0].format(DAY),
      to: v.period[1].format(DAY),
      decision: { number: v.decisionNumber?.trim() || undefined, date: v.decisionDate?.format(DAY), signer: v.decisionSigner?.trim() || undefined },
    };
    setBusy(true);
    try {
      await onSave(body);
      onClose();
    } catch (error) {
      // A refused field is shown next to it (or above the form); the form keeps what was typed.
      setFailure(applyApiErrors(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={plan ? 'Sửa kế hoạch' : 'Tạo kế hoạch'} okText="Lưu" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="title" label="Tên kế hoạch" rules={[{ required: true, whitespace: true, message: 'Nhập tên kế hoạch.' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="period" label="Thời gian thực hiện" rules={[{ required: true, message: 'Chọn ngày bắt đầu và kết thúc.' }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decisionNumber" label="Số văn bản ban hành">
          <Input placeholder="Ví dụ: 855/KH-UBND" maxLength={100} />
        </Form.Item>
        <Form.Item name="decisionDate" label="Ngày ban hành">
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decisionSigner" label="Người ký">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
