import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../lib/form-errors';
import type { UserItem } from './admin-types';
import { randomPassword } from './user-form-modal';

/** Sets a new password for a user; the API ends that user's sessions, so the modal says so first. */
export function ResetPasswordModal({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) => unwrap(api.POST('/api/v1/users/{id}/password', { params: { path: { id: user!.id } }, body: { password } })),
    onSuccess: () => {
      message.success(`Đã đặt mật khẩu mới cho ${user!.username}`);
      onClose();
    },
    onError: (error) => setProblem(applyApiErrors(form, error)),
  });

  return (
    <Modal
      open={!!user}
      title={user ? `Đặt lại mật khẩu cho ${user.username}` : ''}
      okText="Đặt mật khẩu mới"
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => visible || setProblem(null)}
    >
      <Typography.Paragraph>
        {user?.displayName} sẽ bị đăng xuất trên mọi thiết bị và phải đăng nhập bằng mật khẩu mới. Hãy báo mật khẩu này cho họ qua
        kênh an toàn.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => {
          setProblem(null);
          reset.mutate(v);
        }}>
        <Form.Item label="Mật khẩu mới" required extra="Ít nhất 10 ký tự.">
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle rules={[{ required: true, message: 'Nhập mật khẩu mới' }, { min: 10, message: 'Ít nhất 10 ký tự' }]}>
              <Input.Password autoComplete="new-password" aria-label="Mật khẩu mới" />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ password: randomPassword() })}>Tạo ngẫu nhiên</Button>
          </Space.Compact>
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
