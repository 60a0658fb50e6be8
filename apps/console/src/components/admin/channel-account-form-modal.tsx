import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { send } from '../../lib/api-loose';
import { PLATFORM } from '../../lib/admin-labels';
import { applyApiErrors } from '../../lib/form-errors';
import { toZonedIso } from '../../lib/time';
import type { ChannelAccount } from './admin-types';
import { UnitSelect } from '../unit-select';

export type AccountEdit = { mode: 'add' } | { mode: 'edit'; account: ChannelAccount } | { mode: 'reconnect'; account: ChannelAccount };

interface Values {
  unitId?: string;
  platform?: 'zalo' | 'facebook';
  name?: string;
  externalId?: string;
  appId?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  accessExpiresAt?: Dayjs | null;
  canBroadcast?: boolean;
  enabled?: boolean;
}

const SECRET_NOTE = 'Mã được mã hóa khi lưu và không bao giờ hiển thị lại.';
const TITLES = { add: 'Thêm tài khoản kênh', edit: 'Sửa tài khoản kênh', reconnect: 'Kết nối lại tài khoản kênh' };
const trimmed = (s?: string) => s?.trim() || undefined;

/**
 * Adds a Zalo OA or Facebook Page, edits its name and switches, or reconnects it with new tokens.
 * Secrets are write-only: the form sends them and never shows a stored one (the API returns none).
 */
export function ChannelAccountFormModal({ edit, timeZone, onClose }: { edit: AccountEdit | null; timeZone?: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const chosen = Form.useWatch('platform', form);
  const platform = edit && edit.mode !== 'add' ? edit.account.platform : (chosen ?? 'zalo');
  const zalo = platform === 'zalo';

  const save = useMutation({
    mutationFn: (v: Values) => {
      const expires = v.accessExpiresAt ? toZonedIso(v.accessExpiresAt, timeZone) : undefined;
      if (!edit || edit.mode === 'add') {
        return send<ChannelAccount>('POST', '/api/v1/channel-accounts', {
          body: {
            unitId: v.unitId,
            platform: v.platform,
            name: v.name?.trim(),
            externalId: v.externalId?.trim(),
            appId: zalo ? trimmed(v.appId) : undefined,
            appSecret: zalo ? trimmed(v.appSecret) : undefined,
            accessToken: v.accessToken?.trim(),
            refreshToken: zalo ? trimmed(v.refreshToken) : undefined,
            accessExpiresAt: expires,
            canBroadcast: zalo ? !!v.canBroadcast : undefined,
          },
        });
      }
      if (edit.mode === 'edit') {
        return send<ChannelAccount>('PATCH', `/api/v1/channel-accounts/${edit.account.id}`, {
          body: { name: v.name?.trim(), canBroadcast: zalo ? !!v.canBroadcast : undefined, enabled: v.enabled },
        });
      }
      return send<ChannelAccount>('POST', `/api/v1/channel-accounts/${edit.account.id}/reconnect`, {
        body: { accessToken: v.accessToken?.trim(), refreshToken: zalo ? trimmed(v.refreshToken) : undefined, appSecret: zalo ? trimmed(v.appSecret) : undefined, accessExpiresAt: expires },
      });
    },
    onSuccess: (account) => {
      void queryClient.invalidateQueries({ queryKey: ['channel-accounts'] });
      const done = { add: 'Đã thêm', edit: 'Đã lưu', reconnect: 'Đã kết nối lại' }[edit?.mode ?? 'add'];
      message.success(`${done} ${PLATFORM[account.platform]} “${account.name}”`);
      onClose();
    },
    onError: (error) => setProblem(applyApiErrors(form, error)),
  });

  const initial: Values =
    edit?.mode === 'edit'
      ? { name: edit.account.name, canBroadcast: edit.account.canBroadcast, enabled: edit.account.status !== 'disabled' }
      : { platform: 'zalo', canBroadcast: false };

  return (
    <Modal
      open={!!edit}
      title={edit ? (edit.mode === 'add' ? TITLES.add : `${TITLES[edit.mode]}: ${edit.account.name}`) : ''}
      okText={edit?.mode === 'reconnect' ? 'Kết nối lại' : edit?.mode === 'edit' ? 'Lưu' : 'Thêm tài khoản'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => visible || setProblem(null)}
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {edit?.mode === 'add' && (
          <>
            <Form.Item name="platform" label="Nền tảng" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={Object.entries(PLATFORM).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="unitId" label="Đơn vị sở hữu" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
              <UnitSelect />
            </Form.Item>
          </>
        )}
        {edit?.mode !== 'reconnect' && (
          <Form.Item name="name" label="Tên hiển thị" rules={[{ required: true, whitespace: true, message: 'Nhập tên' }, { max: 200, message: 'Tối đa 200 ký tự' }]}>
            <Input placeholder="ví dụ: UBND xã Bảo Lâm" autoComplete="off" />
          </Form.Item>
        )}
        {edit?.mode === 'add' && (
          <>
            <Form.Item
              name="externalId"
              label={zalo ? 'Mã Zalo OA (OA ID)' : 'Mã Trang Facebook (Page ID)'}
              rules={[
                { required: true, whitespace: true, message: 'Nhập mã tài khoản' },
                { pattern: /^[0-9A-Za-z_.-]{1,64}$/, message: 'Chỉ gồm chữ, số và . _ - (tối đa 64 ký tự)' },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} />
            </Form.Item>
            {zalo && (
              <Form.Item name="appId" label="Mã ứng dụng Zalo (App ID)" rules={[{ required: true, whitespace: true, message: 'Bắt buộc với Zalo OA' }]}>
                <Input autoComplete="off" spellCheck={false} />
              </Form.Item>
            )}
          </>
        )}
        {edit?.mode === 'edit' ? (
          <>
            {zalo && (
              <Form.Item name="canBroadcast" label="Được gửi tin truyền thông tới người quan tâm" valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
            <Form.Item name="enabled" label="Đang dùng để đăng tin" valuePropName="checked" extra="Tắt để ngừng đăng tin lên tài khoản này.">
              <Switch />
            </Form.Item>
            <Typography.Paragraph type="secondary">Mã truy cập đã lưu không hiển thị ở đây. Để thay mã, dùng “Kết nối lại”.</Typography.Paragraph>
          </>
        ) : (
          edit && (
            <>
              {zalo && (
                <Form.Item
                  name="appSecret"
                  label="Khóa bí mật ứng dụng (App Secret)"
                  extra={edit.mode === 'reconnect' ? `Để trống nếu không đổi. ${SECRET_NOTE}` : SECRET_NOTE}
                  rules={edit.mode === 'add' ? [{ required: true, message: 'Bắt buộc với Zalo OA' }, { min: 4, message: 'Ít nhất 4 ký tự' }] : [{ min: 4, message: 'Ít nhất 4 ký tự' }]}
                >
                  <Input.Password autoComplete="new-password" visibilityToggle={false} />
                </Form.Item>
              )}
              <Form.Item
                name="accessToken"
                label={zalo ? 'Mã truy cập OA (Access Token)' : 'Mã truy cập Trang (Page Access Token)'}
                extra={SECRET_NOTE}
                rules={[{ required: true, whitespace: true, message: 'Nhập mã truy cập' }, { min: 8, message: 'Ít nhất 8 ký tự' }]}
              >
                <Input.Password autoComplete="new-password" visibilityToggle={false} />
              </Form.Item>
              {zalo && (
                <Form.Item
                  name="refreshToken"
                  label="Mã làm mới (Refresh Token)"
                  extra={SECRET_NOTE}
                  rules={[{ required: true, whitespace: true, message: 'Bắt buộc với Zalo OA' }, { min: 8, message: 'Ít nhất 8 ký tự' }]}
                >
                  <Input.Password autoComplete="new-password" visibilityToggle={false} />
                </Form.Item>
              )}
              <Form.Item
                name="accessExpiresAt"
                label="Mã truy cập hết hạn lúc (không bắt buộc)"
                extra={zalo ? 'Để trống: Zalo cấp mã có hạn khoảng 25 giờ, hệ thống tự làm mới.' : 'Để trống nếu mã Trang không hết hạn.'}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              {zalo && edit.mode === 'add' && (
                <Form.Item name="canBroadcast" label="Được gửi tin truyền thông tới người quan tâm" valuePropName="checked">
                  <Switch />
                </Form.Item>
              )}
            </>
          )
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
