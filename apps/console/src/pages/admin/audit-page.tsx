import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Grid, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useProfile } from '../../auth/auth-context';
import type { AuditEvent } from '../../components/admin/admin-types';
import { auditDetails, auditTarget } from '../../components/admin/audit-details';
import { UnitSelect } from '../../components/unit-select';
import { UserPicker } from '../../components/admin/user-picker';
import { PageHeader } from '../../components/page-header';
import { AUDIT_ENTITY, auditActionLabel, auditActionOptions } from '../../lib/admin-labels';
import { ApiError } from '../../api/client';
import { getJson, type Page } from '../../lib/api-loose';
import { downloadAuthenticated } from '../../lib/download';
import { errorMessage } from '../../lib/form-errors';
import { columnSortOrder, sortParam } from '../../lib/table-sort';
import { dayjs, formatDateTime, DEFAULT_TIME_ZONE } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['from', 'to', 'actorId', 'entityType', 'action', 'unitId', 'entityId', 'sort', 'pageSize'] as const;
const PAGE_SIZE = 50;
const DAY = 'YYYY-MM-DD';

/** The audit log of the caller's subtree: who did what, when, where; filtered, sorted, exported to CSV. */
export default function AuditPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const { values, page, set } = useUrlState(KEYS);
  const pageSize = Number(values.pageSize) || PAGE_SIZE;
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;

  // Days, not instants: the API reads them in the unit's zone (from the start of `from` to the end of `to`).
  const filters = {
    from: values.from,
    to: values.to,
    actorId: values.actorId,
    entityType: values.entityType,
    action: values.action,
    unitId: values.unitId,
    entityId: values.entityId,
    sort: values.sort,
  };
  const events = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => getJson<Page<AuditEvent>>('/api/v1/audit', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
    enabled: profile.role !== 'officer',
  });
  const exportCsv = useMutation({
    mutationFn: () => downloadAuthenticated('/api/v1/audit/export.csv', filters, `nhat-ky-${dayjs().tz(tz).format('YYYYMMDD-HHmm')}.csv`),
    onError: (error) => message.error(`Không xuất được CSV: ${errorMessage(error)}`),
  });

  const today = dayjs().tz(tz);
  const range: [Dayjs | null, Dayjs | null] | null = values.from || values.to ? [values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null] : null;
  const forbidden = profile.role === 'officer' || (events.error instanceof ApiError && events.error.status === 403);

  const details = (e: AuditEvent) => {
    const lines = auditDetails(e);
    return (
      <div style={{ maxWidth: 420 }}>
        {lines.map((l, i) => (
          <div key={i}>{l}</div>
        ))}
        {e.comment && <Typography.Text italic>Ý kiến: “{e.comment}”</Typography.Text>}
        {!lines.length && !e.comment && <Typography.Text type="secondary">—</Typography.Text>}
      </div>
    );
  };
  const actor = (e: AuditEvent) => (e.actorId ? (e.actorName ?? 'Người dùng đã xóa') : 'Hệ thống');
  // A phone gets one column: what happened, then when, who and where, then the details.
  const narrowColumns: TableColumnsType<AuditEvent> = [
    {
      key: 'event',
      title: 'Thao tác',
      render: (_, e) => (
        <div>
          <Typography.Text strong>{auditActionLabel(e.entityType, e.action)}</Typography.Text>
          <div>{auditTarget(e)}</div>
          <div>
            {formatDateTime(e.occurredAt, tz)} · {actor(e)}
            {e.unitName && ` · ${e.unitName}`}
          </div>
          {details(e)}
        </div>
      ),
    },
  ];
  const columns: TableColumnsType<AuditEvent> = [
    {
      key: 'occurredAt',
      title: 'Thời gian',
      sorter: true,
      sortOrder: columnSortOrder(values.sort, 'occurredAt') ?? (values.sort ? null : 'descend'),
      width: 150,
      render: (_, e) => formatDateTime(e.occurredAt, tz),
    },
    {
      key: 'actor',
      title: 'Người thực hiện',
      render: (_, e) =>
        e.actorId ? (
          <div>
            <div>{actor(e)}</div>
            {e.actorUsername && <Typography.Text type="secondary">{e.actorUsername}</Typography.Text>}
          </div>
        ) : (
          <Typography.Text type="secondary">Hệ thống</Typography.Text>
        ),
    },
    {
      key: 'action',
      title: 'Hành động',
      sorter: true,
      sortOrder: columnSortOrder(values.sort, 'action'),
      render: (_, e) => (
        <div>
          <Typography.Text strong>{auditActionLabel(e.entityType, e.action)}</Typography.Text>
          <div>{auditTarget(e)}</div>
        </div>
      ),
    },
    { key: 'unit', title: 'Đơn vị', responsive: ['md'], render: (_, e) => e.unitName ?? <Typography.Text type="secondary">Đơn vị đã xóa</Typography.Text> },
    {
      key: 'details',
      title: 'Chi tiết',
      render: (_, e) => details(e),
    },
  ];

  if (forbidden) {
    return (
      <>
        <PageHeader title="Nhật ký" />
        <Alert type="info" showIcon title="Nhật ký chỉ dành cho lãnh đạo và quản trị viên." description="Lịch sử của từng tin bài vẫn xem được trong trang tin bài." />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Nhật ký"
        subtitle="Mọi thao tác trong phạm vi đơn vị của bạn; không sửa, không xóa được"
        extra={
          <Button icon={<DownloadOutlined />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
            Xuất CSV
          </Button>
        }
      />
      <Form layout="vertical" role="search" aria-label="Lọc nhật ký">
        <Row gutter={[12, 0]}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={`Khoảng thời gian (giờ ${tz === DEFAULT_TIME_ZONE ? 'Việt Nam' : tz})`} htmlFor="audit-range">
              <DatePicker.RangePicker
                id={{ start: 'audit-range', end: 'audit-range-end' }}
                format="DD/MM/YYYY"
                value={range}
                allowEmpty={[true, true]}
                placeholder={['Từ ngày', 'Đến ngày']}
                disabledDate={(d) => d.isAfter(today, 'day')}
                presets={[
                  { label: 'Hôm nay', value: [today, today] },
                  { label: '7 ngày qua', value: [today.subtract(6, 'day'), today] },
                  { label: 'Tháng này', value: [today.startOf('month'), today] },
                  { label: 'Tháng trước', value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')] },
                ]}
                onChange={(v) => set({ from: v?.[0]?.format(DAY), to: v?.[1]?.format(DAY) })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="Người thực hiện" htmlFor="audit-actor">
              <UserPicker id="audit-actor" value={values.actorId} onChange={(v) => set({ actorId: v })} placeholder="Tất cả" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="Đơn vị (gồm các đơn vị trực thuộc)" htmlFor="audit-unit">
              <UnitSelect id="audit-unit" value={values.unitId} onChange={(v) => set({ unitId: v })} allowClear placeholder="Tất cả" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={6}>
            <Form.Item label="Loại đối tượng" htmlFor="audit-entity">
              <Select
                id="audit-entity"
                value={values.entityType ?? ''}
                onChange={(v) => set({ entityType: v || undefined, action: undefined, entityId: undefined })}
                options={[{ value: '', label: 'Tất cả' }, ...Object.entries(AUDIT_ENTITY).map(([value, label]) => ({ value, label }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={6}>
            <Form.Item label="Hành động" htmlFor="audit-action">
              <Select
                id="audit-action"
                value={values.action ?? ''}
                onChange={(v) => set({ action: v || undefined })}
                options={[{ value: '', label: 'Tất cả' }, ...auditActionOptions(values.entityType)]}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          {values.entityId && (
            <Col xs={24} xl={12} style={{ alignSelf: 'center' }}>
              <Tag closable onClose={() => set({ entityId: undefined })} closeIcon={<span aria-label="Bỏ lọc theo đối tượng">×</span>}>
                Chỉ một {(AUDIT_ENTITY[values.entityType ?? ''] ?? 'đối tượng').toLowerCase()} ({values.entityId.slice(0, 8)}…)
              </Tag>
            </Col>
          )}
        </Row>
      </Form>
      {events.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(events.error)}
          action={<Button onClick={() => void events.refetch()}>Thử lại</Button>}
        />
      )}
      <Table<AuditEvent>
        rowKey="id"
        columns={narrow ? narrowColumns : columns}
        dataSource={events.data?.items}
        loading={events.isFetching}
        scroll={narrow ? undefined : { x: 'max-content' }}
        size="middle"
        locale={{ emptyText: events.isLoading ? 'Đang tải…' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có thao tác nào khớp bộ lọc" /> }}
        onChange={(pagination, _f, sorter, extra) => {
          if (extra.action === 'sort') set({ sort: sortParam(sorter) ?? (values.sort ? undefined : 'occurredAt') });
          else set({ page: pagination.current, pageSize: pagination.pageSize === PAGE_SIZE ? undefined : pagination.pageSize });
        }}
        pagination={{
          current: page,
          pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `${t} thao tác`,
        }}
      />
    </>
  );
}
