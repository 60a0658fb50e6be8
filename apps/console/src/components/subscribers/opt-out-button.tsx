import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { formatPhone, type Subscriber } from './subscriber-types';

/** Stops SMS to a number at once, or resumes it with a fresh consent recorded by the officer; both confirmed first. */
export function OptOutButton({ subscriber, onDone, compact }: { subscriber: Subscriber; onDone?: () => void; compact?: boolean }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const phone = formatPhone(subscriber.phone);
  const toggle = useMutation({
    mutationFn: () =>
      subscriber.optedOut
        ? unwrap(api.POST('/api/v1/subscribers/{id}/opt-in', { params: { path: { id: subscriber.id } }, body: { consentSource: 'officer' } }))
        : unwrap(api.POST('/api/v1/subscribers/{id}/opt-out', { params: { path: { id: subscriber.id } } })),
    onSuccess: (s) => {
      void message.success(s.optedOut ? `Đã ngừng gửi SMS tới ${phone}` : `${phone} sẽ nhận SMS trở lại`);
      void queryClient.invalidateQueries({ queryKey: ['subscribers'] });
      onDone?.();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const ask = () =>
    modal.confirm({
      title: subscriber.optedOut ? `Gửi SMS lại cho ${phone}?` : `Ngừng gửi SMS tới ${phone}?`,
      content: subscriber.optedOut
        ? 'Chỉ làm khi người dân đã đồng ý nhận tin trở lại; sự đồng ý được ghi là do cán bộ ghi nhận.'
        : 'Số này sẽ không nhận tin nhắn nào nữa, kể cả tin khẩn cấp, cho đến khi được bật lại.',
      okText: subscriber.optedOut ? 'Gửi lại' : 'Ngừng gửi',
      okButtonProps: { danger: !subscriber.optedOut },
      cancelText: 'Hủy',
      onOk: () => toggle.mutateAsync(),
    });
  return (
    <Button size={compact ? 'small' : 'middle'} type={compact ? 'link' : 'default'} danger={!subscriber.optedOut} loading={toggle.isPending} onClick={ask} aria-label={`${subscriber.optedOut ? 'Nhận lại SMS' : 'Ngừng gửi SMS'}: ${phone}`}>
      {subscriber.optedOut ? 'Nhận lại SMS' : 'Ngừng gửi SMS'}
    </Button>
  );
}
