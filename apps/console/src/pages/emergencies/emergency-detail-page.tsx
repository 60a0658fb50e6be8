import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Flex, Result, Row, Spin, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { broadcastApi } from '../../components/broadcasts/broadcast-api';
import { BroadcastStatusTag, channelList } from '../../components/broadcasts/broadcast-tags';
import { ChannelProgress } from '../../components/broadcasts/channel-progress';
import { useUnitNames } from '../../components/broadcasts/use-unit-names';
import { getMessage } from '../../components/messages/message-api';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../lib/time';
import NotFoundPage from '../not-found-page';
import { EmergencyActions } from './emergency-actions';
import { emergencyApi, type Emergency } from './emergency-api';
import { EMERGENCY_STATUS, authorisationText } from './emergency-labels';
import { EmergencyChangesCard } from './emergency-side-panels';

const RUNNING = ['scheduled', 'running', 'held'];

function repeatText(e: Emergency, tz: string): string {
  if (!e.repeatEveryMinutes) return 'Không lặp lại';
  const every = e.repeatEveryMinutes % 60 === 0 ? `${e.repeatEveryMinutes / 60} giờ` : `${e.repeatEveryMinutes} phút`;
  return `Mỗi ${every}, ${e.repeatUntil ? `đến ${formatDateTime(e.repeatUntil, tz)}` : 'đến khi được hủy'}`;
}

/** What the supervisor sees right after sending: it went out, or it waits for a second supervisor. */
function SentResult({ e }: { e: Emergency }) {
  if (e.status === 'sent') {
    return (
      <Result
        status="success"
        title="Đã phát tin khẩn cấp"
        subTitle={`Tin “${e.title}” đang đến ${channelList(e.channels)}. Tiến độ từng kênh ở bên dưới.`}
        style={{ padding: '16px 0' }}
      />
    );
  }
  if (e.status === 'awaiting-second-supervisor') {
    return (
      <Result
        status="info"
        title="Đang chờ lãnh đạo thứ hai xác nhận"
        subTitle="Tỉnh yêu cầu hai lãnh đạo cho tin khẩn cấp. Tin sẽ phát ngay khi một lãnh đạo khác xác nhận bằng mật khẩu của mình."
        style={{ padding: '16px 0' }}
      />
    );
  }
  return null;
}

/** The state in one sentence: what happened and what is expected next. */
function StatusNote({ e }: { e: Emergency }) {
  const note: Record<string, { type: 'info' | 'warning' | 'success'; text: string }> = {
    draft: { type: 'warning', text: 'Tin nhập từ cảnh báo CAP, chưa phát đi. Kiểm tra nội dung rồi bấm “Phát tin này”, hoặc rút lại.' },
    'awaiting-second-supervisor': { type: 'warning', text: 'Chờ một lãnh đạo khác (không phải người soạn) xác nhận bằng mật khẩu; chưa ai nhận được tin.' },
    cancelled: { type: 'info', text: 'Tin đã được hủy: không còn phát trên kênh nào.' },
  };
  const n = note[e.status];
  return n ? <Alert type={n.type} showIcon title={n.text} style={{ marginBottom: 16 }} /> : null;
}

/** The broadcast's progress by channel, live while it runs; the full detail is the broadcast's own page. */
function BroadcastProgressCard({ broadcastId }: { broadcastId: string }) {
  const progress = useQuery({
    queryKey: ['broadcasts', broadcastId, 'progress'],
    queryFn: () => broadcastApi.progress(broadcastId),
    refetchInterval: (q) => (!q.state.data || RUNNING.includes(q.state.data.status) ? 3000 : false),
  });
  const p = progress.data;
  return (
    <Card
      title="Tiến độ phát"
      extra={<Link to={`/broadcasts/${broadcastId}`}>Chi tiết lượt phát</Link>}
    >
      {progress.error && <Alert type="error" showIcon title={errorMessage(progress.error)} />}
      {!p && progress.isLoading && <Spin aria-label="Đang tải tiến độ" />}
      {p && (
        <Flex vertical gap={16}>
          <span>
            Lượt phát: <BroadcastStatusTag status={p.status} note={p.statusNote} />
          </span>
          {Object.entries(p.byChannel).map(([channel, counts]) => (
            <ChannelProgress key={channel} channel={channel} counts={counts} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** One emergency: its state, who authorised it, where and how it went, its progress; the supervisor's actions. */
export default function EmergencyDetailPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const emergency = useQuery({
    queryKey: ['emergencies', id],
    queryFn: () => emergencyApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'awaiting-second-supervisor' ? 10_000 : false),
  });
  const e = emergency.data;
  const message = useQuery({ queryKey: ['messages', e?.messageId], queryFn: () => getMessage(e!.messageId), enabled: !!e });
  const places = useUnitNames(e?.targetUnitIds ?? []);

  if (emergency.error instanceof ApiError && (emergency.error.status === 404 || emergency.error.status === 400)) return <NotFoundPage what="Tin khẩn cấp" />;
  if (emergency.error) return <Alert type="error" showIcon title={errorMessage(emergency.error)} />;
  if (!e) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} aria-label="Đang tải" />;

  const version = message.data?.version;
  return (
    <>
      <PageHeader title={e.title} subtitle={<StatusTag map={EMERGENCY_STATUS} code={e.status} />} extra={<EmergencyActions emergency={e} text={version?.body} places={places || 'các đơn vị đã chọn'} />} />
      {params.get('sent') && <SentResult e={e} />}
      <StatusNote e={e} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Tin khẩn cấp">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'status', label: 'Trạng thái', children: <StatusTag map={EMERGENCY_STATUS} code={e.status} /> },
                { key: 'by', label: 'Người phát', children: `${e.createdByName ?? '—'} (${e.unitName}), ${formatDateTime(e.createdAt, tz)}` },
                {
                  key: 'auth',
                  label: 'Phê duyệt',
                  children: e.confirmedAt ? `${authorisationText(e.authorisation)}, xác nhận lúc ${formatDateTime(e.confirmedAt, tz)}` : authorisationText(e.authorisation),
                },
                { key: 'channels', label: 'Kênh', children: channelList(e.channels) || '—' },
                { key: 'repeat', label: 'Lặp lại', children: repeatText(e, tz) },
                { key: 'units', label: 'Nơi nhận', children: places || '—' },
                {
                  key: 'broadcast',
                  label: 'Lượt phát',
                  children: e.broadcastId ? <Link to={`/broadcasts/${e.broadcastId}`}>Xem lượt phát</Link> : <Typography.Text type="secondary">Chưa phát</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Nội dung">
            {message.error && <Alert type="warning" showIcon title={errorMessage(message.error)} />}
            {version ? (
              <>
                <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
                  {version.title}
                </Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{version.body}</Typography.Paragraph>
              </>
            ) : (
              !message.error && <Spin aria-label="Đang tải nội dung" />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <EmergencyChangesCard id={e.id} tz={tz} />
        </Col>
        {e.broadcastId && (
          <Col span={24}>
            <BroadcastProgressCard broadcastId={e.broadcastId} />
          </Col>
        )}
      </Row>
    </>
  );
}
