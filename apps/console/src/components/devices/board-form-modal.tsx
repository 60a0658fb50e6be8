import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { api, unwrap } from '../../api/client';
import { send } from '../../lib/api-loose';
import { applyApiErrors } from '../../lib/form-errors';
import { VillageSelect } from '../subscribers/village-select';
import { UnitSelect } from '../unit-select';
import type { Board, IssuedToken } from './device-types';

interface Values {
  unitId?: string;
  villageId?: string | null;
  name: string;
  location?: string;
}

/** Registers a board (then shows its token and kiosk link once) or edits one; API errors land on the fields. */
export function BoardFormModal({ open, board, onClose, onIssued }: { open: boolean; board?: Board; onClose: () => void; onIssued: (issued: IssuedToken) => void }) {
  const profile = useProfile();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const unitId = Form.useWatch('unitId', form) ?? board?.unitId ?? profile.unitId;

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(board ? { name: board.name, location: board.location ?? undefined, villageId: board.villageId ?? undefined } : { unitId: profile.unitId });
  }, [open, board, form, profile.unitId]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (board) {
        return send<Board>('PATCH', `/api/v1/boards/${board.id}`, {
          body: { name: v.name.trim(), location: v.location?.trim() || null, villageId: v.villageId ?? null },
        });
      }
      const created = await unwrap(api.POST('/api/v1/boards', {
        body: { unitId: v.unitId, villageId: v.villageId ?? undefined, name: v.name.trim(), location: v.location?.trim() || undefined },
      }));
      onIssued({ deviceName: created.name, token: created.token, kioskUrl: created.kioskUrl });
      return created;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      onClose();
    },
    onError: (e) => setFormError(applyApiErrors(form, e)),
  });

  return (
    <Modal
      open={open}
      title={board ? 'Sửa bảng tin' : 'Thêm bảng tin điện tử'}
      okText={board ? 'Lưu' : 'Thêm'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} name="board" layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        {!board && (
          <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị của bảng tin' }]}>
            <UnitSelect level="commune" ownUnitFirst onChange={() => form.setFieldValue('villageId', undefined)} />
          </Form.Item>
        )}
        <Form.Item name="name" label="Tên bảng tin" rules={[{ required: true, whitespace: true, message: 'Nhập tên bảng tin' }, { max: 200 }]}>
          <Input placeholder="Bảng tin nhà văn hóa thôn Bản Giới" />
        </Form.Item>
        <Form.Item name="villageId" label="Thôn, tổ dân phố" extra="Để trống nếu bảng tin đặt tại trụ sở đơn vị.">
          <VillageSelect unitId={unitId} placeholder="Tại trụ sở đơn vị" />
        </Form.Item>
        <Form.Item name="location" label="Vị trí" rules={[{ max: 500 }]}>
          <Input placeholder="Trước cổng UBND xã" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
