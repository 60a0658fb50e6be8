import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, List, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useProfile } from '../../auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { BarList } from '../../components/reports/bar-list';
import { MonthLine } from '../../components/reports/month-line';
import { PeriodPicker, periodLabel, periodRange, type PeriodKind } from '../../components/reports/report-period';
import { CONTENT_GROUP } from '../../components/reports/report-labels';
import { SummaryCards } from '../../components/reports/summary-cards';
import { UnitSelect } from '../../components/unit-select';
import { downloadAuthenticated } from '../../lib/download';
import { formatNumber, formatVnd } from '../../lib/format';
import { errorMessage } from '../../lib/form-errors';
import { CHANNEL, labelOf } from '../../lib/labels';
import { dayjs, DEFAULT_TIME_ZONE, formatDate } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';

type Row = components['schemas']['ReportBreakdownRowDto'];
type Dimension = 'unit' | 'contentGroup' | 'channel' | 'month';
const KEYS = ['period', 'at', 'unitId'] as const;

/** Occurrences planned or completed: the one measure every channel and content group has. */
const runs = (r: Row) => r.figures.occurrencesRun;

/**
 * Báo cáo: a period of the caller's subtree (this month by default), its figures against the period
 * before, by content group, channel and month, and by unit one level down (a click drills into the unit).
 */
export default function ReportsPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const { message } = App.useApp();
  const { values, set } = useUrlState(KEYS);
  const kind: PeriodKind = values.period === 'quarter' || values.period === 'year' ? values.period : 'month';
  const at = values.at && dayjs(values.at).isValid() ? dayjs(values.at) : dayjs().tz(tz);
  const { from, to } = periodRange(kind, at);
  const query = { from, to, unitId: values.unitId };

  const summary = useQuery({
    queryKey: ['reports', 'summary', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/summary', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const breakdown = (by: Dimension) => ({
    queryKey: ['reports', 'breakdown', by, query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/breakdown', { params: { query: { ...query, by } } })),
    placeholderData: keepPreviousData,
  });
  const byUnit = useQuery(breakdown('unit'));
  const byGroup = useQuery(breakdown('contentGroup'));
  const byChannel = useQuery(breakdown('channel'));
  const byMonth = useQuery(breakdown('month'));
  const ranking = useQuery({
    queryKey: ['reports', 'ranking', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/ranking', { params: { query: { ...query, limit: 5 } } })),
    placeholderData: keepPreviousData,
  });
  const exportXlsx = useMutation({
    mutationFn: () => downloadAuthenticated('/api/v1/reports/export.xlsx', query, `bao-cao-${from}-${to}.xlsx`),
    onError: (error) => message.error(`Không tải được báo cáo Excel: ${errorMessage(error)}`),
  });

  const unit = summary.data?.unit;
  const error = summary.error ?? byUnit.error;
  const unitColumns: TableColumnsType<Row> = [
    {
      key: 'unit',
      title: 'Đơn vị',
      render: (_, r) =>
        r.unit && !r.unit.own ? (
          <Button type="link" style={{ padding: 0 }} onClick={() => set({ unitId: r.unit!.id })} aria-label={`Xem báo cáo của ${r.unit.name}`}>
            {r.unit.name}
          </Button>
        ) : (
          `${r.unit?.name ?? '—'} (trực tiếp)`
        ),
    },
    { key: 'runs', title: 'Lượt phát', align: 'right', render: (_, r) => formatNumber(r.figures.occurrencesRun) },
    { key: 'delivered', title: 'Tin đã đến', align: 'right', render: (_, r) => formatNumber(r.figures.delivered) },
    { key: 'failed', title: 'Không gửi được', align: 'right', render: (_, r) => formatNumber(r.figures.failed + r.figures.undelivered) },
    { key: 'plays', title: 'Lượt phát loa', align: 'right', render: (_, r) => formatNumber(r.figures.loudspeakerPlays) },
    { key: 'minutes', title: 'Phút loa', align: 'right', render: (_, r) => formatNumber(Math.round(r.figures.airtimeSeconds / 60)) },
    { key: 'posts', title: 'Bài đăng', align: 'right', render: (_, r) => formatNumber(r.figures.socialPosts) },
    { key: 'cost', title: 'Chi phí SMS', align: 'right', render: (_, r) => formatVnd(r.figures.smsCostVnd) },
  ];
  const ranked = (title: string, items: components['schemas']['RankedUnitDto'][] | undefined) => (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={items ?? []}
        locale={{ emptyText: <Typography.Text type="secondary">{'Chưa có đơn vị nào.'}</Typography.Text> }}
        renderItem={(r, i) => (
          <List.Item>
            <span>
              {i + 1}. {r.unit.name}
            </span>
            <strong>{formatNumber(r.reached)} tin</strong>
          </List.Item>
        )}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title="Báo cáo"
        subtitle={`${periodLabel(kind, at)} (${formatDate(from)} – ${formatDate(to)})${unit ? ` · ${unit.name}` : ''}`}
        extra={
          <Button icon={<DownloadOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()}>
            Tải báo cáo Excel
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker kind={kind} at={at} onChange={(k, d) => set({ period: k === 'month' ? undefined : k, at: d.format('YYYY-MM-DD') })} />
        <UnitSelect aria-label="Đơn vị" value={values.unitId ?? profile.unitId} onChange={(v) => set({ unitId: v === profile.unitId ? undefined : v })} ownUnitFirst style={{ minWidth: 240 }} />
        {values.unitId && <Button onClick={() => set({ unitId: undefined })}>Về đơn vị của tôi</Button>}
      </Space>
      {error && <Alert type="error" showIcon title={`Không tải được báo cáo: ${errorMessage(error)}`} style={{ marginBottom: 16 }} />}
      {summary.data && (
        <SummaryCards
          current={summary.data.current}
          previous={summary.data.previous}
          previousLabel={`Kỳ trước (${formatDate(summary.data.previousPeriod.from)} – ${formatDate(summary.data.previousPeriod.to)})`}
        />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>Lượt phát theo nhóm nội dung</Typography.Title>}>
            <BarList caption="Lượt phát theo nhóm nội dung" bars={(byGroup.data?.rows ?? []).map((r) => ({ key: r.key ?? '-', label: labelOf(CONTENT_GROUP, r.key), value: runs(r) }))} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>Lượt phát theo kênh</Typography.Title>}>
            <BarList caption="Lượt phát theo kênh" bars={(byChannel.data?.rows ?? []).filter((r) => r.key).map((r) => ({ key: r.key!, label: labelOf(CHANNEL, r.key), value: runs(r) }))} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>Lượt phát theo tháng</Typography.Title>}>
            <MonthLine caption="Lượt phát theo tháng" points={(byMonth.data?.rows ?? []).map((r) => ({ label: r.key ? dayjs(`${r.key}-01`).format('MM/YYYY') : '—', value: runs(r) }))} />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>Theo đơn vị trực thuộc</Typography.Title>}>
        <Table<Row>
          size="small"
          rowKey={(r) => r.key ?? 'own'}
          columns={unitColumns}
          dataSource={byUnit.data?.rows ?? []}
          loading={byUnit.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Typography.Text type="secondary">{'Đơn vị này không có đơn vị trực thuộc.'}</Typography.Text> }}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>{ranked('Đơn vị dẫn đầu', ranking.data?.top)}</Col>
        <Col xs={24} md={12}>{ranked('Đơn vị cần đôn đốc', ranking.data?.bottom)}</Col>
      </Row>
    </>
  );
}
