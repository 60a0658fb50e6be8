import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, InputNumber, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { UNIT_LEVEL } from '../../lib/admin-labels';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { CHANNEL, labelOf } from '../../lib/labels';
import { UnitSelect } from '../unit-select';
import { ACTIVITY_KIND, CONTENT_GROUP, PLAN_METRIC } from '../reports/report-labels';
import { TargetFormModal } from './target-form-modal';
import type { PlanDetail, Target, TargetBody } from './plan-types';

/** In words: "Lượt phát · Một cửa · Loa truyền thanh" (activities are not sent on a channel: no channel part). */
export function targetLabel(t: { metric: string; activityKind: string | null; contentGroup: string | null; channel: string | null }): string {
  const channel = t.metric === 'activities' ? null : t.channel ? labelOf(CHANNEL, t.channel) : 'mọi kênh';
  return [labelOf(PLAN_METRIC, t.metric), t.activityKind && labelOf(ACTIVITY_KIND, t.activityKind), t.contentGroup ? labelOf(CONTENT_GROUP, t.contentGroup) : 'mọi nhóm nội dung', channel]
    .filter(Boolean)
    .join(' · ');
}

/** A target's per-unit overrides: the unit's own figure wins over the target's value. */
function Overrides({ plan, target, editable }: { plan: PlanDetail; target: Target; editable: boolean }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string>();
  const [value, setValue] = useState<number | null>(null);
  const path = { id: plan.id, targetId: target.id };
  const done = (data: PlanDetail) => client.setQueryData(['plans', plan.id], data);
  const put = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/plans/{id}/targets/{targetId}/overrides/{unitId}', { params: { path: { ...path, unitId: unitId! } }, body: { value: value! } })),
    onSuccess: (d) => (done(d as PlanDetail), setUnitId(undefined), setValue(null)),
    onError: (e) => message.error(`Không lưu được chỉ tiêu riêng: ${errorMessage(e)}`),
  });
  const remove = useMutation({
    mutationFn: (u: string) => unwrap(api.DELETE('/api/v1/plans/{id}/targets/{targetId}/overrides/{unitId}', { params: { path: { ...path, unitId: u } } })),
    onSuccess: (d) => done(d as PlanDetail),
    onError: (e) => message.error(`Không xóa được chỉ tiêu riêng: ${errorMessage(e)}`),
  });
  return (
    <div>
      <Typography.Text strong>Chỉ tiêu riêng của đơn vị</Typography.Text>
      {!target.overrides.length && <div>Không có: mọi {labelOf(UNIT_LEVEL, target.unitLevel).toLowerCase()} cùng chỉ tiêu {formatNumber(target.value)}.</div>}
      <ul>
        {target.overrides.map((o) => (
          <li key={o.unitId}>
            {o.unitName}: {formatNumber(o.value)}{' '}
            {editable && (
              <Button size="small" type="link" danger onClick={() => remove.mutate(o.unitId)} aria-label={`Bỏ chỉ tiêu riêng của ${o.unitName}`}>
                Bỏ
              </Button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <Space wrap>
          <UnitSelect aria-label="Đơn vị có chỉ tiêu riêng" level={target.unitLevel as never} value={unitId} onChange={setUnitId} style={{ minWidth: 220 }} placeholder="Chọn đơn vị" />
          <InputNumber aria-label="Chỉ tiêu riêng" min={0} value={value} onChange={(v) => setValue(v)} placeholder="Chỉ tiêu" />
          <Button disabled={!unitId || value == null} loading={put.isPending} onClick={() => put.mutate()}>
            Đặt chỉ tiêu riêng
          </Button>
        </Space>
      )}
    </div>
  );
}

/** The plan's targets; supervisors and administrators add, change and remove them. */
export function TargetTable({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const done = (data: unknown) => client.setQueryData(['plans', plan.id], data);
  const save = async (body: TargetBody) => {
    const data =
      editing && editing !== 'new'
        ? await unwrap(api.PUT('/api/v1/plans/{id}/targets/{targetId}', { params: { path: { id: plan.id, targetId: editing.id } }, body }))
        : await unwrap(api.POST('/api/v1/plans/{id}/targets', { params: { path: { id: plan.id } }, body }));
    done(data);
  };
  const remove = useMutation({
    mutationFn: (t: Target) => unwrap(api.DELETE('/api/v1/plans/{id}/targets/{targetId}', { params: { path: { id: plan.id, targetId: t.id } } })),
    onSuccess: done,
    onError: (e) => message.error(`Không xóa được chỉ tiêu: ${errorMessage(e)}`),
  });
  const columns: TableColumnsType<Target> = [
    { key: 'what', title: 'Chỉ tiêu', render: (_, t) => targetLabel(t) },
    { key: 'level', title: 'Cấp', render: (_, t) => labelOf(UNIT_LEVEL, t.unitLevel) },
    { key: 'value', title: 'Mỗi đơn vị', align: 'right', render: (_, t) => formatNumber(t.value) },
    { key: 'overrides', title: 'Chỉ tiêu riêng', align: 'right', render: (_, t) => t.overrides.length || '—' },
  ];
  if (editable)
    columns.push({
      key: 'actions',
      title: 'Thao tác',
      render: (_, t) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(t)} aria-label={`Sửa chỉ tiêu ${targetLabel(t)}`} />
          <Popconfirm title="Xóa chỉ tiêu này?" okText="Xóa" cancelText="Không" onConfirm={() => remove.mutate(t)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Xóa chỉ tiêu ${targetLabel(t)}`} />
          </Popconfirm>
        </Space>
      ),
    });
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Thêm chỉ tiêu
          </Button>
        )}
      </Flex>
      <Table<Target>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={plan.targets}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (t) => <Overrides plan={plan} target={t} editable={editable} /> }}
        locale={{ emptyText: <Typography.Text type="secondary">{editable ? 'Chưa có chỉ tiêu. Bấm “Thêm chỉ tiêu”.' : 'Kế hoạch chưa có chỉ tiêu.'}</Typography.Text> }}
      />
      <TargetFormModal open={editing !== null} target={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} onSave={save} />
    </>
  );
}
