import { Alert, Form, Input, Modal } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { applyApiErrors } from '../../lib/form-errors';

export interface PasswordModalValues {
  password: string;
  reason?: string;
  title?: string;
  body?: string;
}

/**
 * Every emergency action is confirmed with the supervisor's login password, after saying in words
 * what will happen. A wrong password stays in the dialog, next to the field; an error about what
 * the dialog does not hold goes back to the screen (`onRefused`) and the dialog closes.
 */
export function PasswordModal({
  open,
  title,
  okText,
  danger = true,
  summary,
  fields,
  initialValues,
  onSubmit,
  onClose,
  onRefused,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  summary: ReactNode;
  /** Extra fields above the password (a reason, the new title and text). */
  fields?: ReactNode;
  initialValues?: Partial<PasswordModalValues>;
  onSubmit: (values: PasswordModalValues) => Promise<unknown>;
  onClose: () => void;
  onRefused?: (error: unknown) => void;
}) {
  const [form] = Form.useForm<PasswordModalValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();

  const submit = async (values: PasswordModalValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (error) {
      const names = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
      const mine = error instanceof ApiError && (error.status === 429 || (error.body.details ?? []).some((d) => names.has(d.field.split('.')[0])));
      if (onRefused && error instanceof ApiError && !mine) {
        form.setFieldValue('password', '');
        onRefused(error);
        return;
      }
      setProblem(applyApiErrors(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="Quay lại"
      okButtonProps={{ danger, loading: busy, htmlType: 'submit', form: formId }}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
      destroyOnHidden
      maskClosable={false}
    >
      <div style={{ marginBottom: 16 }}>{summary}</div>
      <Form form={form} id={formId} layout="vertical" initialValues={initialValues} onFinish={submit} preserve={false}>
        {fields}
        <Form.Item
          name="password"
          label="Mật khẩu đăng nhập của bạn"
          rules={[{ required: true, message: 'Nhập mật khẩu đăng nhập để xác nhận' }]}
          extra="Nhập lại mật khẩu để xác nhận chính bạn thực hiện việc này."
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} role="alert" />}
    </Modal>
  );
}
