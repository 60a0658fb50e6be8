import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { api, unwrap } from '../../api/client';
import { send } from '../../lib/api-loose';
import { applyApiErrors } from '../../lib/form-errors';
import { VillageSelect } from '../subscribers/village-select';
import { UnitSelect } from '../unit-select';
import { STATION_KIND, type IssuedToken, type Station, type StationGroup } from './device-types';

interface Values {
  unitId?: string;
  name: string;
  kind: Station['kind'];
  vendor?: string;
  location?: string;
  villageIds?: string[];
  groupId?: string;
}

/** Adds a station (then shows its token once) or edits one; API errors land on the fields, input is kept. */
export function StationFormModal({
  open,
  station,
  onClose,
  onIssued,
}: {
  open: boolean;
  station?: Station;
  onClose: () => void;
  onIssued?: (issued: IssuedToken) => void;
}) {
  const profile = useProfile();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const unitId = Form.useWatch('unitId', form) ?? station?.unitId ?? profile.unitId;
  const groups = useQuery({ queryKey: ['station-groups'], queryFn: () => unwrap(api.GET('/api/v1/loudspeakers/groups')), enabled: open, staleTime: 60_000 });

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(
      station
        ? { name: station.name, kind: station.kind, vendor: station.vendor ?? undefined, location: station.location ?? undefined, villageIds: station.villageIds, groupId: station.groupId ?? undefined }
        : { unitId: profile.unitId, kind: 'ip-cluster', villageIds: [] },
    );
  }, [open, station, form, profile.unitId]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const fields = { name: v.name.trim(), kind: v.kind, vendor: v.vendor?.trim() || null, location: v.location?.trim() || null, villageIds: v.villageIds ?? [], groupId: v.groupId ?? null };
      if (station) return send<Station>('PUT', `/api/v1/loudspeakers/stations/${station.id}`, { body: fields });
      const created = await send<{ station: Station; token: string }>('POST', '/api/v1/loudspeakers/stations', { body: { ...fields, unitId: v.unitId } });
      onIssued?.({ deviceName: created.station.name, token: created.token });
      return created.station;
    },
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ['stations'] });
      queryClient.setQueryData(['station', s.id], (old: object | undefined) => (old ? { ...old, ...s } : old));
      onClose();
    },
    onError: (e) => setFormError(applyApiErrors(form, e)),
  });

  return (
    <Modal
      open={open}
      title={station ? 'Sửa cụm loa' : 'Thêm cụm loa'}
      okText={station ? 'Lưu' : 'Thêm'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} name="station" layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        {!station && (
          <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị của cụm loa' }]}>
            <UnitSelect level="commune" ownUnitFirst onChange={() => form.setFieldValue('villageIds', [])} />
          </Form.Item>
        )}
        <Form.Item name="name" label="Tên cụm loa" rules={[{ required: true, whitespace: true, message: 'Nhập tên cụm loa' }, { max: 200 }]}>
          <Input placeholder="Cụm loa thôn Đông" />
        </Form.Item>
        <Form.Item name="kind" label="Loại" rules={[{ required: true }]}>
          <Select options={Object.entries(STATION_KIND).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="villageIds" label="Các thôn, tổ dân phố nghe được">
          <VillageSelect unitId={unitId} mode="multiple" placeholder="Chọn thôn" />
        </Form.Item>
        <Form.Item name="location" label="Vị trí" rules={[{ max: 500 }]}>
          <Input placeholder="Nhà văn hóa thôn Đông" />
        </Form.Item>
        <Form.Item name="vendor" label="Hãng thiết bị" rules={[{ max: 200 }]}>
          <Input placeholder="Hanet" />
        </Form.Item>
        <Form.Item name="groupId" label="Nhóm cụm loa" extra="Cụm loa trong nhóm phát cả các khung giờ của nhóm.">
          <Select allowClear loading={groups.isFetching} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} placeholder="Không thuộc nhóm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
