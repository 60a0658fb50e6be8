import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { send } from '../../lib/api-loose';
import { VILLAGE_TYPE } from '../../lib/admin-labels';
import { applyApiErrors } from '../../lib/form-errors';
import type { UnitItem } from './admin-types';

export type VillageEdit = { mode: 'add'; commune: UnitItem } | { mode: 'rename'; village: UnitItem };

interface Values {
  name: string;
  type?: string;
  code?: string;
}

/** Adds a Thôn / Tổ dân phố under a commune, or renames one; `onSaved` gets the saved unit. */
export function VillageFormModal({ edit, onClose, onSaved }: { edit: VillageEdit | null; onClose: () => void; onSaved: (unit: UnitItem) => void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: Values) =>
      edit!.mode === 'add'
        ? send<UnitItem>('POST', `/api/v1/units/${edit!.commune.id}/villages`, {
            body: { name: v.name.trim(), type: v.type, code: v.code?.trim() || undefined },
          })
        : unwrap(api.PATCH('/api/v1/units/{id}', { params: { path: { id: edit!.village.id } }, body: { name: v.name.trim() } })),
    onSuccess: (unit, v) => {
      const name = unit?.fullName ?? v.name.trim();
      message.success(edit!.mode === 'add' ? `Đã thêm ${name}` : `Đã đổi tên thành ${name}`);
      onSaved(unit);
      onClose();
    },
    onError: (error) => setProblem(applyApiErrors(form, error)),
  });

  const title = !edit ? '' : edit.mode === 'add' ? `Thêm thôn, tổ dân phố vào ${edit.commune.fullName}` : `Đổi tên ${edit.village.fullName}`;
  return (
    <Modal
      open={!!edit}
      title={title}
      okText={edit?.mode === 'add' ? 'Thêm' : 'Lưu tên mới'}
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
        preserve={false}
        initialValues={edit?.mode === 'rename' ? { name: edit.village.name } : { type: 'village' }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {edit?.mode === 'add' && (
          <Form.Item name="type" label="Loại" rules={[{ required: true, message: 'Chọn loại' }]}>
            <Select options={Object.entries(VILLAGE_TYPE).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label="Tên"
          extra="Chỉ tên riêng, không kèm chữ “Thôn”, “Tổ dân phố” (ví dụ: Nà Pồng)"
          rules={[
            { required: true, whitespace: true, message: 'Nhập tên' },
            { max: 200, message: 'Tối đa 200 ký tự' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {edit?.mode === 'add' && (
          <Form.Item
            name="code"
            label="Mã (không bắt buộc)"
            extra="Chữ không dấu, số và . _ - ; không trùng với mã thôn khác"
            rules={[{ pattern: /^[A-Za-z0-9._-]{1,50}$/, message: 'Chỉ dùng chữ không dấu, số và . _ - (tối đa 50 ký tự)' }]}
          >
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
