import { DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Progress, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { ScreenSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { ActivityPanel } from '../../components/plans/activity-panel';
import { PlanFormModal } from '../../components/plans/plan-form-modal';
import { canEditPlans, type PlanDetail, type PlanFields } from '../../components/plans/plan-types';
import { ProgressTable } from '../../components/plans/progress-table';
import { TargetTable } from '../../components/plans/target-table';
import { downloadAuthenticated } from '../../lib/download';
import { errorMessage } from '../../lib/form-errors';
import { formatDate } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['tab'] as const;

/** One plan: its decision and targets (editable by supervisors, admins), progress per unit, activities. */
export default function PlanDetailPage() {
  const { id = '' } = useParams();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { values, set } = useUrlState(KEYS);
  const [editing, setEditing] = useState(false);
  const editable = canEditPlans(profile.role);
  const tab = values.tab ?? 'targets';
  const plan = useQuery({ queryKey: ['plans', id], queryFn: () => unwrap(api.GET('/api/v1/plans/{id}', { params: { path: { id } } })) as Promise<PlanDetail> });
  const progress = useQuery({
    queryKey: ['plans', id, 'progress', plan.data?.updatedAt],
    queryFn: () => unwrap(api.GET('/api/v1/plans/{id}/progress', { params: { path: { id } } })),
    enabled: tab === 'progress',
  });
  const download = useMutation({
    mutationFn: () => downloadAuthenticated(`/api/v1/plans/${id}/progress.xlsx`, {}, `tien-do-ke-hoach.xlsx`),
    onError: (e) => message.error(`Không tải được tiến độ: ${errorMessage(e)}`),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/plans/{id}', { params: { path: { id } } })),
    onSuccess: () => void navigate('/plans'),
    onError: (e) => message.error(`Không xóa được kế hoạch: ${errorMessage(e)}`),
  });
  const update = async (body: PlanFields) => {
    client.setQueryData(['plans', id], await unwrap(api.PUT('/api/v1/plans/{id}', { params: { path: { id } }, body })));
  };

  if (plan.isPending) return <ScreenSpinner />;
  if (plan.error || !plan.data)
    return (
      <>
        <PageHeader title="Kế hoạch" />
        <Alert type="error" showIcon title={`Không mở được kế hoạch: ${errorMessage(plan.error)}`} description={<Link to="/plans">Về danh sách kế hoạch</Link>} />
      </>
    );
  const p = plan.data;
  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={`${p.unitName} · ${formatDate(p.periodFrom)} – ${formatDate(p.periodTo)}`}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
              Tải tiến độ Excel
            </Button>
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                Sửa kế hoạch
              </Button>
            )}
            {editable && (
              <Popconfirm title="Xóa kế hoạch này cùng các chỉ tiêu?" okText="Xóa" cancelText="Không" onConfirm={() => remove.mutate()}>
                <Button danger icon={<DeleteOutlined />}>
                  Xóa
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'n', label: 'Số văn bản', children: p.decision.number ?? '—' },
            { key: 'd', label: 'Ngày ban hành', children: formatDate(p.decision.date) },
            { key: 's', label: 'Người ký', children: p.decision.signer ?? '—' },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'targets' ? undefined : k })}
        items={[
          { key: 'targets', label: 'Chỉ tiêu', children: <TargetTable plan={p} editable={editable} /> },
          {
            key: 'progress',
            label: 'Tiến độ',
            children: progress.error ? (
              <Alert type="error" showIcon title={`Không tải được tiến độ: ${errorMessage(progress.error)}`} />
            ) : progress.data ? (
              <>
                <Typography.Paragraph>
                  Tính đến ngày {formatDate(progress.data.asOf)}: đã qua <Progress aria-label="Thời gian đã qua của kế hoạch" percent={Math.round(progress.data.elapsedShare * 100)} size="small" style={{ width: 160, display: 'inline-flex' }} /> thời gian của kế hoạch.
                </Typography.Paragraph>
                <ProgressTable progress={progress.data} />
              </>
            ) : (
              <ScreenSpinner />
            ),
          },
          { key: 'activities', label: 'Nhật ký hoạt động', children: <ActivityPanel from={p.periodFrom} to={p.periodTo} /> },
        ]}
      />
      <PlanFormModal open={editing} plan={p} onClose={() => setEditing(false)} onSave={update} />
    </>
  );
}
