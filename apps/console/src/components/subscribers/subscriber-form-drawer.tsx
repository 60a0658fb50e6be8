import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { normaliseVietnamesePhone } from '../../../../../libs/domain/src/phone/vn-phone';
import { useProfile } from '../../auth/auth-context';
import { send } from '../../lib/api-loose';
import { applyApiErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { OptOutButton } from './opt-out-button';
import { CONSENT_SOURCE, OPT_OUT_SOURCE, formatPhone, type Subscriber } from './subscriber-types';
import { UnitSelect } from '../unit-select';
import { VillageSelect } from './village-select';

interface Values {
  phone?: string;
  unitId: string;
  villageId?: string | null;
  fullName?: string;
  tags?: string[];
  consentSource?: string;
}

/**
 * Adds a subscriber or edits one. The number is checked with the API's own rule while typing (and
 * read back as it will be stored); the server's answer still lands on the fields, the input is kept.
 */
export function SubscriberFormDrawer({ open, subscriber, onClose }: { open: boolean; subscriber?: Subscriber; onClose: () => void }) {
  const profile = useProfile();
  const narrow = !Grid.useBreakpoint().sm;
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const unitId = Form.useWatch('unitId', form);
  const phone = Form.useWatch('phone', form);
  const parsed = phone ? normaliseVietnamesePhone(phone) : null;

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(
      subscriber
        ? { unitId: subscriber.unitId, villageId: subscriber.villageId, fullName: subscriber.fullName ?? undefined, tags: subscriber.tags }
        : { unitId: profile.unitId, consentSource: 'officer', tags: [] },
    );
  }, [open, subscriber, form, profile.unitId]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = { fullName: v.fullName?.trim() || (subscriber ? null : undefined), unitId: v.unitId, villageId: v.villageId ?? (subscriber ? null : undefined), tags: v.tags ?? [] };
      return subscriber
        ? send<Subscriber>('PATCH', `/api/v1/subscribers/${subscriber.id}`, { body: fields })
        : send<Subscriber>('POST', '/api/v1/subscribers', { body: { ...fields, phone: v.phone, consentSource: v.consentSource } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['subscribers'] });
      onClose();
    },
    onError: (e) => setFormError(applyApiErrors(form, e)),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={subscriber ? `Sửa người nhận ${formatPhone(subscriber.phone)}` : 'Thêm người nhận tin'}
      size={narrow ? '100%' : 480}
      forceRender
      footer={
        <Flex gap={8} justify="end">
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {subscriber ? 'Lưu' : 'Thêm'}
          </Button>
        </Flex>
      }
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} name="subscriber" layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        {subscriber ? (
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="Số điện thoại">{formatPhone(subscriber.phone)}</Descriptions.Item>
            <Descriptions.Item label="Đồng ý nhận tin">
              {CONSENT_SOURCE[subscriber.consentSource] ?? subscriber.consentSource}, {formatDateTime(subscriber.consentAt, profile.timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label="Nhận SMS">
              {subscriber.optedOut
                ? `Đã từ chối${subscriber.optOutSource ? ` (${OPT_OUT_SOURCE[subscriber.optOutSource] ?? subscriber.optOutSource})` : ''} lúc ${formatDateTime(subscriber.optedOutAt, profile.timeZone)}`
                : 'Đang nhận'}
              <span style={{ marginInlineStart: 8 }}>
                <OptOutButton subscriber={subscriber} onDone={onClose} />
              </span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Form.Item
            name="phone"
            label="Số điện thoại di động"
            validateFirst
            rules={[
              { required: true, message: 'Nhập số điện thoại' },
              { validator: (_, v?: string) => (!v || normaliseVietnamesePhone(v).ok ? Promise.resolve() : Promise.reject(new Error((normaliseVietnamesePhone(v) as { message: string }).message))) },
            ]}
            extra={parsed?.ok ? `Sẽ lưu là ${formatPhone(parsed.e164)}` : 'Ví dụ 0912 345 678; số 11 số cũ được tự đổi sang số mới.'}
          >
            <Input inputMode="tel" autoComplete="off" placeholder="0912 345 678" />
          </Form.Item>
        )}
        <Form.Item name="fullName" label="Họ tên" rules={[{ max: 200 }]}>
          <Input placeholder="Nguyễn Văn An" />
        </Form.Item>
        <Form.Item name="unitId" label="Xã, phường" rules={[{ required: true, message: 'Chọn xã, phường' }]}>
          <UnitSelect level="commune" ownUnitFirst onChange={() => form.setFieldValue('villageId', null)} />
        </Form.Item>
        <Form.Item name="villageId" label="Thôn, tổ dân phố">
          <VillageSelect unitId={unitId} placeholder="Chưa rõ thôn" />
        </Form.Item>
        <Form.Item name="tags" label="Nhãn" extra="Ví dụ: hộ nghèo, thanh niên, hội nông dân. Gõ rồi nhấn Enter để thêm." rules={[{ type: 'array', max: 20, message: 'Tối đa 20 nhãn' }]}>
          <Select
            mode="tags"
            tokenSeparators={[',', ';']}
            placeholder="Thêm nhãn"
            open={false}
            suffixIcon={null}
            // Enter adds the tag being typed; it must not also submit the whole form.
            onInputKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          />
        </Form.Item>
        {!subscriber && (
          <Form.Item name="consentSource" label="Người dân đồng ý nhận tin qua" rules={[{ required: true, message: 'Chọn cách người dân đồng ý' }]}>
            <Select options={Object.entries(CONSENT_SOURCE).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
