import { CheckOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../../../libs/domain/src/content/content-model';
import { useProfile } from '../../auth/auth-context';
import { channelList } from '../../components/broadcasts/broadcast-tags';
import { emergencyApi, type Emergency } from './emergency-api';
import { PasswordModal, type PasswordModalValues } from './password-modal';

type Action = 'confirm' | 'send' | 'update' | 'cancel';

const SUCCESS: Record<Action, string> = {
  confirm: 'Đã xác nhận: tin khẩn cấp đang phát',
  send: 'Đã phát tin khẩn cấp',
  update: 'Đã cập nhật nội dung trên mọi kênh còn đang phát',
  cancel: 'Đã hủy tin khẩn cấp',
};

/**
 * What a supervisor can do with an emergency, each confirmed with their password after saying what
 * will happen: confirm one waiting for a second supervisor (not its author), send a draft imported
 * from CAP, update the text everywhere it is still shown, cancel it (or withdraw one still waiting).
 */
export function EmergencyActions({ emergency, text, places }: { emergency: Emergency; text: string | undefined; places: string }) {
  const profile = useProfile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  if (profile.role !== 'supervisor') return null;

  const e = emergency;
  const author = e.createdBy === profile.id;
  const channels = channelList(e.channels) || 'mọi kênh sẵn sàng';
  const status: string = e.status;
  const available: Action[] = [];
  if (status === 'awaiting-second-supervisor' && !author) available.push('confirm');
  if (status === 'draft') available.push('send');
  if (status === 'sent') available.push('update');
  if (status !== 'cancelled') available.push('cancel');

  const run = async (values: PasswordModalValues) => {
    const a = action!;
    if (a === 'confirm') await emergencyApi.confirm(e.id, values.password);
    else if (a === 'send') await emergencyApi.sendDraft(e.id, values.password);
    else if (a === 'cancel') await emergencyApi.cancel(e.id, values.password, values.reason?.trim() || undefined);
    else await emergencyApi.update(e.id, { password: values.password, title: values.title!.trim(), body: values.body!.trim() });
    setAction(null);
    void message.success(SUCCESS[a]);
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['emergencies'] }), queryClient.invalidateQueries({ queryKey: ['messages', e.messageId] })]);
  };

  const withdraw = status !== 'sent';
  const dialogs: Record<Action, { title: string; ok: string; summary: string; danger: boolean }> = {
    confirm: {
      title: 'Xác nhận và phát tin khẩn cấp?',
      ok: 'Xác nhận, phát ngay',
      summary: `Bạn là lãnh đạo thứ hai. Tin “${e.title}” của ${e.createdByName ?? 'lãnh đạo khác'} sẽ phát ngay tới ${places} qua ${channels}.`,
      danger: true,
    },
    send: {
      title: 'Phát tin khẩn cấp này?',
      ok: 'Phát ngay',
      summary: `Tin “${e.title}” (nhập từ cảnh báo CAP) sẽ phát ngay tới ${places} qua ${channels}, bỏ qua giờ yên lặng.`,
      danger: true,
    },
    update: {
      title: 'Cập nhật tin khẩn cấp',
      ok: 'Cập nhật trên mọi kênh',
      summary:
        'Nội dung mới thay cho nội dung cũ ở mọi nơi còn đang hiện hoặc sắp phát: loa, bảng tin, bài đăng. Người đã nhận SMS nhận thêm một tin ngắn “Cập nhật thông báo…”.',
      danger: false,
    },
    cancel: withdraw
      ? { title: 'Rút lại tin khẩn cấp?', ok: 'Rút lại', summary: `Tin “${e.title}” chưa phát đi; rút lại thì không ai nhận được tin này.`, danger: true }
      : {
          title: 'Hủy tin khẩn cấp?',
          ok: 'Hủy tin khẩn cấp',
          summary: `Tin “${e.title}” dừng trên mọi kênh: loa ngừng phát và bỏ khỏi lịch, bảng tin gỡ thông báo, bài đăng được sửa hoặc gỡ. Chỉ người đã nhận SMS nhận thêm một tin ngắn “Hủy bỏ thông báo…”.`,
          danger: true,
        },
  };
  const d = action && dialogs[action];

  return (
    <>
      <Flex gap={8} wrap>
        {available.includes('confirm') && (
          <Button type="primary" danger icon={<CheckOutlined />} onClick={() => setAction('confirm')}>
            Xác nhận và phát
          </Button>
        )}
        {available.includes('send') && (
          <Button type="primary" danger icon={<SendOutlined />} onClick={() => setAction('send')}>
            Phát tin này
          </Button>
        )}
        {available.includes('update') && (
          <Button icon={<EditOutlined />} onClick={() => setAction('update')}>
            Cập nhật nội dung
          </Button>
        )}
        {available.includes('cancel') && (
          <Button danger icon={<StopOutlined />} onClick={() => setAction('cancel')}>
            {withdraw ? 'Rút lại' : 'Hủy tin khẩn cấp'}
          </Button>
        )}
      </Flex>
      {d && (
        <PasswordModal
          open
          title={d.title}
          okText={d.ok}
          danger={d.danger}
          summary={<Typography.Paragraph style={{ margin: 0 }}>{d.summary}</Typography.Paragraph>}
          initialValues={action === 'update' ? { title: e.title, body: text ?? '' } : undefined}
          fields={action === 'update' ? <UpdateFields /> : action === 'cancel' ? <ReasonField /> : undefined}
          onSubmit={run}
          onClose={() => setAction(null)}
        />
      )}
    </>
  );
}

function UpdateFields() {
  return (
    <>
      <Form.Item name="title" label="Tiêu đề" rules={[{ required: true, whitespace: true, message: 'Nhập tiêu đề' }]}>
        <Input maxLength={LIMITS.titleMax} />
      </Form.Item>
      <Form.Item name="body" label="Nội dung mới" rules={[{ required: true, whitespace: true, message: 'Nhập nội dung mới' }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}

function ReasonField() {
  return (
    <Form.Item name="reason" label="Lý do (không bắt buộc)" extra="Ghi vào nhật ký, ví dụ: mưa đã ngớt, nước rút.">
      <Input.TextArea rows={2} maxLength={500} />
    </Form.Item>
  );
}
