import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { send } from '../../lib/api-loose';
import { applyApiErrors } from '../../lib/form-errors';
import { ROLE } from '../../lib/labels';
import type { UserItem } from './admin-types';
import { UnitSelect } from '../unit-select';

const ROLE_OPTIONS = Object.entries(ROLE).map(([value, label]) => ({ value, label }));
const PASSWORD_MIN = 10;

interface Values {
  username: string;
  displayName: string;
  password?: string;
  role: UserItem['role'];
  unitId: string;
}

/** A password an admin can read out to a new user: no look-alike characters (0/O, 1/l/I). */
export function randomPassword(length = 14): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Creates a user (username, name, first password, role, unit) or edits one (name, role, unit). The
 * API's field errors land on the fields; the form keeps what was typed when a request fails.
 */
export function UserFormModal({ user, selfId, open, onClose }: { user?: UserItem; selfId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const editing = !!user;
  const self = user?.id === selfId;

  const save = useMutation({
    mutationFn: (values: Values) =>
      editing
        ? send<UserItem>('PATCH', `/api/v1/users/${user.id}`, {
            body: self ? { displayName: values.displayName } : { displayName: values.displayName, role: values.role, unitId: values.unitId },
          })
        : send<UserItem>('POST', '/api/v1/users', { body: { ...values, username: values.username.trim() } }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      message.success(editing ? `Đã lưu thay đổi của ${saved.displayName}` : `Đã tạo tài khoản ${saved.username}`);
      onClose();
    },
    onError: (error) => setProblem(applyApiErrors(form, error)),
  });

  return (
    <Modal
      open={open}
      title={editing ? `Sửa người dùng ${user.username}` : 'Thêm người dùng'}
      okText={editing ? 'Lưu' : 'Tạo tài khoản'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => visible || setProblem(null)}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        preserve={false}
        initialValues={user ? { displayName: user.displayName, role: user.role, unitId: user.unitId } : { role: 'officer' }}
        onFinish={(values) => {
          setProblem(null);
          save.mutate(values);
        }}
      >
        {!editing && (
          <Form.Item
            name="username"
            label="Tên đăng nhập"
            extra="Chữ không dấu, số và . _ - (ví dụ canbo.xatanlap)"
            rules={[
              { required: true, message: 'Nhập tên đăng nhập' },
              { min: 3, max: 50, message: 'Từ 3 đến 50 ký tự' },
              { pattern: /^[A-Za-z0-9._-]+$/, message: 'Chỉ dùng chữ không dấu, số và . _ -' },
            ]}
          >
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên' }, { max: 100, message: 'Tối đa 100 ký tự' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item label="Mật khẩu ban đầu" required extra="Ít nhất 10 ký tự. Báo cho người dùng; họ nên đổi ngay sau lần đăng nhập đầu.">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="password"
                noStyle
                rules={[
                  { required: true, message: 'Nhập mật khẩu ban đầu' },
                  { min: PASSWORD_MIN, message: `Ít nhất ${PASSWORD_MIN} ký tự` },
                ]}
              >
                <Input.Password autoComplete="new-password" aria-label="Mật khẩu ban đầu" />
              </Form.Item>
              <Button onClick={() => form.setFieldsValue({ password: randomPassword() })}>Tạo ngẫu nhiên</Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="role" label="Vai trò" rules={[{ required: true, message: 'Chọn vai trò' }]} extra={self ? 'Bạn không thể đổi vai trò của chính mình.' : undefined}>
          <Select options={ROLE_OPTIONS} disabled={self} />
        </Form.Item>
        {self ? (
          <Form.Item label="Đơn vị" htmlFor="user-own-unit" extra="Bạn không thể đổi đơn vị của chính mình.">
            <Input id="user-own-unit" value={user?.unitName} disabled />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
