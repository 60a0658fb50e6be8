import { RedoOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Row, Spin, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { broadcastApi, type BroadcastProgress } from '../../components/broadcasts/broadcast-api';
import { BroadcastStatusTag, EmptyText, PriorityTag, channelList } from '../../components/broadcasts/broadcast-tags';
import { ChannelProgress } from '../../components/broadcasts/channel-progress';
import { DeliveriesTable } from '../../components/broadcasts/deliveries-table';
import { describeRecurrence } from '../../components/broadcasts/recurrence-rule';
import { useUnitNames } from '../../components/broadcasts/use-unit-names';
import { PageHeader } from '../../components/page-header';
import { RelayReportCard } from '../../components/relays/relay-report-card';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { OCCURRENCE_STATUS } from '../../lib/labels';
import { DEFAULT_TIME_ZONE, dayjs, formatDateTime } from '../../lib/time';
import NotFoundPage from '../not-found-page';

const FINISHED = ['completed', 'partially-failed', 'failed', 'cancelled'];

/** How often to ask again: fast while it runs, slowly while it waits, never once it is over. */
function refreshEvery(status: string | undefined): number | false {
  if (!status || FINISHED.includes(status)) return false;
  return status === 'running' ? 3000 : 15000;
}

/** A broadcast: live progress by channel, its occurrences and deliveries; retry and cancel. */
export default function BroadcastDetailPage() {
  const { id = '' } = useParams();
  const profile = useProfile();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const broadcast = useQuery({
    queryKey: ['broadcasts', id],
    queryFn: () => broadcastApi.get(id),
    // Its status note (held, deferred) changes as it runs, so it follows the progress.
    refetchInterval: (q) => refreshEvery((q.state.data as { status?: string } | undefined)?.status),
  });
  const progress = useQuery({
    queryKey: ['broadcasts', id, 'progress'],
    queryFn: () => broadcastApi.progress(id),
    enabled: broadcast.isSuccess,
    refetchInterval: (q) => refreshEvery((q.state.data as BroadcastProgress | undefined)?.status ?? broadcast.data?.status),
  });
  const exhausted = useQuery({
    queryKey: ['broadcasts', id, 'deliveries', { failureKind: 'exhausted', pageSize: 1 }],
    queryFn: () => broadcastApi.deliveries(id, { status: 'failed', failureKind: 'exhausted', pageSize: 1 }),
    enabled: broadcast.isSuccess && profile.role === 'supervisor',
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['broadcasts', id] });
  const cancel = useMutation({
    mutationFn: () => broadcastApi.cancel(id),
    onSuccess: (r) => {
      void message.success(`Đã hủy phát: ${r.cancelledOccurrences} lần phát và ${r.cancelledDeliveries} tin chưa gửi`);
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const retry = useMutation({
    mutationFn: () => broadcastApi.retry(id),
    onSuccess: (r) => {
      void message.success(`Đã gửi lại ${r.retried} tin`);
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (broadcast.error instanceof ApiError && (broadcast.error.status === 404 || broadcast.error.status === 400)) {
    return <NotFoundPage what="Lượt phát" />;
  }
  if (broadcast.error) return <Alert type="error" showIcon title={errorMessage(broadcast.error)} />;
  const b = broadcast.data;
  if (!b) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} aria-label="Đang tải" />;

  const tz = b.timeZone ?? profile.timeZone ?? DEFAULT_TIME_ZONE;
  const p = progress.data;
  const status = p?.status ?? b.status;
  const note = p?.statusNote ?? b.statusNote;
  const canCancel = !FINISHED.includes(status);
  const retryable = exhausted.data?.total ?? 0;
  // The next due time from the list's field, else from the occurrences not yet run.
  const nextDue = b.nextDueAt ?? p?.occurrences.find((o) => o.status === 'pending' || o.status === 'held')?.dueAt ?? null;
  const s = b.schedule;
  const scheduleText =
    s.kind === 'once'
      ? `Một lần, ${formatDateTime(s.at, tz)}`
      : (describeRecurrence(s.rrule, s.startsAt, { count: s.count, untilDate: s.until ? dayjs(s.until).tz(tz).format('YYYY-MM-DD') : null }) ?? s.rrule);

  const confirmCancel = () =>
    modal.confirm({
      title: 'Hủy phát lượt này?',
      content: 'Các lần phát chưa đến giờ và các tin chưa gửi sẽ bị hủy. Tin đã gửi đi không thu hồi được.',
      okText: 'Hủy phát',
      okButtonProps: { danger: true },
      cancelText: 'Không hủy',
      onOk: () => cancel.mutateAsync(),
    });
  const confirmRetry = () =>
    modal.confirm({
      title: `Gửi lại ${formatNumber(retryable)} tin đã hết lượt thử?`,
      content: 'Các tin này sẽ được gửi thêm một lần ngay bây giờ.',
      okText: 'Gửi lại',
      cancelText: 'Không',
      onOk: () => retry.mutateAsync(),
    });

  return (
    <>
      <PageHeader
        title={b.messageTitle || 'Lượt phát'}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <BroadcastStatusTag status={status} />
            <PriorityTag priority={b.priority} />
            <span>{b.unitName}</span>
          </Flex>
        }
        extra={
          <>
            {profile.role === 'supervisor' && retryable > 0 && (
              <Button icon={<RedoOutlined />} onClick={confirmRetry} loading={retry.isPending}>
                Gửi lại ({formatNumber(retryable)})
              </Button>
            )}
            {canCancel && (
              <Button danger icon={<StopOutlined />} onClick={confirmCancel} loading={cancel.isPending}>
                Hủy phát
              </Button>
            )}
          </>
        }
      />
      {note && <Alert type={status === 'held' ? 'warning' : 'info'} showIcon title={note} style={{ marginBottom: 16 }} role="status" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="Thông tin" size="small">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'msg', label: 'Tin bài', children: <Link to={`/messages/${b.messageId}`}>{b.messageTitle || 'Mở tin bài'}</Link> },
                { key: 'ch', label: 'Kênh', children: channelList(b.channels) },
                { key: 'when', label: 'Thời gian', children: scheduleText },
                { key: 'next', label: 'Lần phát tới', children: nextDue ? formatDateTime(nextDue, tz) : 'Không còn' },
                {
                  key: 'targets',
                  label: 'Nơi nhận',
                  children: <TargetNames targets={b.targets} />,
                },
                { key: 'created', label: 'Tạo lúc', children: formatDateTime(b.createdAt, tz) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title="Tiến độ"
            size="small"
            extra={p && <span aria-live="polite">{`${formatNumber(p.total)} tin`}{refreshEvery(status) ? ' · tự cập nhật' : ''}</span>}
          >
            {!p ? (
              <Spin aria-label="Đang tải tiến độ" />
            ) : Object.keys(p.byChannel).length === 0 ? (
              <Empty description="Chưa có tin nào được tạo: lượt phát chưa đến giờ" />
            ) : (
              <Flex vertical gap={16}>
                {Object.entries(p.byChannel).map(([channel, counts]) => (
                  <ChannelProgress key={channel} channel={channel} counts={counts} />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title="Các lần phát" size="small">
            <Table
              size="small"
              rowKey="id"
              dataSource={p?.occurrences ?? []}
              loading={!p}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: <EmptyText>Chưa có lần phát nào</EmptyText> }}
              columns={[
                { title: 'Thời điểm', key: 'dueAt', render: (_, o) => formatDateTime(o.dueAt, tz) },
                {
                  title: 'Trạng thái',
                  key: 'status',
                  render: (_, o) => <Tag color={OCCURRENCE_STATUS[o.status]?.color}>{OCCURRENCE_STATUS[o.status]?.label ?? o.status}</Tag>,
                },
                { title: 'Ghi chú', key: 'note', render: (_, o) => o.statusNote ?? '' },
              ]}
            />
          </Card>
        </Col>
        {b.priority === 'normal' && b.channels.includes('loudspeaker') && (
          <Col span={24}>
            <RelayReportCard broadcastId={id} unitId={b.unitId} unitName={b.unitName} tz={tz} live={!FINISHED.includes(status)} />
          </Col>
        )}
        <Col span={24}>
          <Card title="Tin đã gửi" size="small">
            <DeliveriesTable broadcastId={id} channels={b.channels} tz={tz} live={status === 'running'} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function TargetNames({ targets }: { targets: { unitIds: string[]; villageIds: string[]; tags: string[] } }) {
  const units = useUnitNames(targets.unitIds);
  const villages = useUnitNames(targets.villageIds);
  return <>{[units, villages && `chỉ ${villages}`, targets.tags.length && `nhãn: ${targets.tags.join(', ')}`].filter(Boolean).join('; ') || '—'}</>;
}
