import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Profile } from '../../auth/session-store';
import { errorMessage } from '../../lib/form-errors';
import { messageKeys, workflowStep } from './message-api';
import type { MessageSummary, MessageView } from './message-types';

/** The API's rule (libs/domain access/permissions): a supervisor of the approval unit, not the author of the version. */
export function canReview(profile: Profile, m: MessageSummary | MessageView): boolean {
  return profile.role === 'supervisor' && m.status === 'submitted' && m.version.authorId !== profile.id && m.approvalUnitId === profile.unitId;
}

export function useReview(onDone?: (m: MessageView) => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (a: { id: string; version: number; step: 'approve' | 'return'; comment?: string }) => workflowStep(a.id, a.step, a.version, a.comment),
    onSuccess: (m, a) => {
      queryClient.setQueryData(messageKeys.one(m.id), m);
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void message.success(a.step === 'approve' ? `Đã duyệt “${m.version.title}”` : `Đã trả lại “${m.version.title}”`);
      onDone?.(m);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}

/** "Duyệt" and "Trả lại" (with a required comment) for one message, acting on the version the reviewer read. */
export function ReviewButtons({ message: m, onDone, size }: { message: MessageSummary | MessageView; onDone?: (m: MessageView) => void; size?: 'small' | 'middle' }) {
  const review = useReview(onDone);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const { modal } = App.useApp();
  const title = m.version.title;

  const act = async (step: 'approve' | 'return', comment?: string) => {
    try {
      await review.mutateAsync({ id: m.id, version: m.currentVersion, step, comment });
      return true;
    } catch (e) {
      modal.error({ title: step === 'approve' ? 'Chưa duyệt được' : 'Chưa trả lại được', content: errorMessage(e) });
      return false;
    }
  };

  return (
    <>
      <Button type="primary" size={size} icon={<CheckOutlined />} loading={review.isPending && review.variables?.step === 'approve'} onClick={() => void act('approve')} aria-label={`Duyệt: ${title}`}>
        Duyệt
      </Button>
      <Button size={size} danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} aria-label={`Trả lại: ${title}`}>
        Trả lại
      </Button>
      <Modal
        open={returning}
        title={`Trả lại tin bài “${title}”`}
        okText="Trả lại"
        okButtonProps={{ danger: true, loading: review.isPending }}
        cancelText="Hủy"
        onCancel={() => setReturning(false)}
        onOk={async () => {
          const comment = await form
            .validateFields()
            .then((v) => v.comment.trim())
            .catch(() => null); // the field shows what is missing
          if (comment && (await act('return', comment))) {
            form.resetFields();
            setReturning(false);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label="Góp ý cho người soạn (cần sửa gì)"
            name="comment"
            rules={[
              { required: true, whitespace: true, message: 'Nhập góp ý để người soạn biết cần sửa gì' },
              { max: 2000, message: 'Tối đa 2.000 ký tự' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
