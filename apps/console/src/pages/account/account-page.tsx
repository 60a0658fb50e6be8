import { LogoutOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth, useProfile } from '../../auth/auth-context';
import { session } from '../../auth/session-store';
import { PageHeader } from '../../components/page-header';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../lib/form-errors';
import { ROLE } from '../../lib/labels';
import { DEFAULT_TIME_ZONE } from '../../lib/time';
import { PASSWORD_MIN_LENGTH } from '../../../../../libs/domain/src/users/account-rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The caller's own account: who and where they are, and a password change. */
export default function AccountPage() {
  const profile = useProfile();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: async (v: Values) => {
      // The change ends every other session; this browser gets a fresh one (its refresh cookie is replaced).
      return unwrap(api.POST('/api/v1/auth/password', {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword, useCookie: true },
      }));
    },
    onSuccess: (answer) => {
      session.accept(answer);
      setFormError(null);
      form.resetFields();
      void message.success('Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.');
    },
    onError: (e) => setFormError(applyApiErrors(form, e)),
  });

  return (
    <>
      <PageHeader title="Tài khoản" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Thông tin tài khoản" style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="Họ tên">{profile.displayName}</Descriptions.Item>
              <Descriptions.Item label="Tên đăng nhập">{profile.username}</Descriptions.Item>
              <Descriptions.Item label="Vai trò">{ROLE[profile.role] ?? profile.role}</Descriptions.Item>
              <Descriptions.Item label="Đơn vị">{profile.unitName}</Descriptions.Item>
              <Descriptions.Item label="Múi giờ">{profile.timeZone ?? DEFAULT_TIME_ZONE}</Descriptions.Item>
            </Descriptions>
            <Button
              icon={<LogoutOutlined />}
              style={{ marginTop: 16 }}
              onClick={() =>
                modal.confirm({
                  title: 'Đăng xuất khỏi mọi thiết bị?',
                  content: 'Mọi phiên đăng nhập của bạn (máy tính, điện thoại) sẽ kết thúc, kể cả phiên này.',
                  okText: 'Đăng xuất tất cả',
                  cancelText: 'Hủy',
                  onOk: () => logout().then(() => navigate('/login')),
                })
              }
            >
              Đăng xuất khỏi mọi thiết bị
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Đổi mật khẩu">
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
            <Form form={form} name="password" layout="vertical" onFinish={(v) => change.mutate(v)} autoComplete="off">
              <input type="text" name="username" autoComplete="username" value={profile.username} readOnly hidden />
              <Form.Item name="currentPassword" label="Mật khẩu hiện tại" rules={[{ required: true, message: 'Nhập mật khẩu hiện tại' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label="Mật khẩu mới"
                extra={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự, khác mật khẩu cũ và tên đăng nhập.`}
                rules={[
                  { required: true, message: 'Nhập mật khẩu mới' },
                  { min: PASSWORD_MIN_LENGTH, message: `Mật khẩu mới cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự` },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label="Nhập lại mật khẩu mới"
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: 'Nhập lại mật khẩu mới' },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('Hai lần nhập không khớp'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                Đổi mật khẩu
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
