import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Space, Table, Tabs, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { ActivityPanel } from '../../components/plans/activity-panel';
import { PlanFormModal } from '../../components/plans/plan-form-modal';
import { canEditPlans, type Plan, type PlanDetail, type PlanFields } from '../../components/plans/plan-types';
import { UnitSelect } from '../../components/unit-select';
import { errorMessage } from '../../lib/form-errors';
import { dayjs, formatDate } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['tab', 'year', 'unitId'] as const;
const PAGE_SIZE = 20;

/** Kế hoạch: the plans of the caller's subtree (by unit and year), and the activity log. */
export default function PlansPage() {
  const profile = useProfile();
  const navigate = useNavigate();
  const { values, page, set } = useUrlState(KEYS);
  const [creating, setCreating] = useState(false);
  const editable = canEditPlans(profile.role);
  const query = { year: values.year ? Number(values.year) : undefined, unitId: values.unitId, page, pageSize: PAGE_SIZE };
  const plans = useQuery({
    queryKey: ['plans', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/plans', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: values.tab !== 'activities',
  });
  const create = async (body: PlanFields) => {
    const plan = (await unwrap(api.POST('/api/v1/plans', { body: { ...body, targets: [] } }))) as PlanDetail;
    void navigate(`/plans/${plan.id}`);
  };
  const columns: TableColumnsType<Plan> = [
    { key: 'title', title: 'Kế hoạch', render: (_, p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
    { key: 'unit', title: 'Đơn vị ban hành', render: (_, p) => p.unitName },
    { key: 'period', title: 'Thời gian', render: (_, p) => `${formatDate(p.periodFrom)} – ${formatDate(p.periodTo)}` },
    { key: 'decision', title: 'Văn bản', render: (_, p) => [p.decision.number, p.decision.date && formatDate(p.decision.date)].filter(Boolean).join(', ') || '—' },
    { key: 'targets', title: 'Số chỉ tiêu', align: 'right', render: (_, p) => p.targetCount },
  ];

  const list = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="year" aria-label="Năm" placeholder="Mọi năm" value={values.year ? dayjs(`${values.year}-01-01`) : null} onChange={(d) => set({ year: d?.year() })} />
        <UnitSelect aria-label="Đơn vị ban hành" allowClear placeholder="Mọi đơn vị" value={values.unitId} onChange={(v) => set({ unitId: v })} style={{ minWidth: 240 }} />
      </Space>
      {plans.error && <Alert type="error" showIcon title={`Không tải được kế hoạch: ${errorMessage(plans.error)}`} style={{ marginBottom: 12 }} />}
      <Table<Plan>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={plans.data?.items ?? []}
        loading={plans.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: plans.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => set({ page: p }) }}
        locale={{ emptyText: <Typography.Text type="secondary">{plans.isPending ? 'Đang tải…' : editable ? 'Chưa có kế hoạch. Bấm “Tạo kế hoạch”.' : 'Chưa có kế hoạch nào.'}</Typography.Text> }}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title="Kế hoạch"
        subtitle="Kế hoạch thông tin, tuyên truyền và nhật ký hoạt động"
        extra={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              Tạo kế hoạch
            </Button>
          )
        }
      />
      <Tabs
        activeKey={values.tab === 'activities' ? 'activities' : 'plans'}
        onChange={(k) => set({ tab: k === 'plans' ? undefined : k, year: undefined, unitId: undefined })}
        items={[
          { key: 'plans', label: 'Danh sách kế hoạch', children: list },
          { key: 'activities', label: 'Nhật ký hoạt động', children: <ActivityPanel /> },
        ]}
      />
      <PlanFormModal open={creating} onClose={() => setCreating(false)} onSave={create} />
    </>
  );
}
