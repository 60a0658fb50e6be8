import { EditOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Skeleton } from 'antd';
import { Link } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { canApprove } from '../../lib/roles';
import { AlertsCard } from './alerts-card';
import { MonthCard } from './month-card';
import { RunningCard } from './running-card';
import { UpcomingCard } from './upcoming-card';
import { WaitingCard } from './waiting-card';

/** Live while something is on air, so the progress moves without a reload; calm otherwise. */
const LIVE_MS = 4_000;
const CALM_MS = 60_000;

/** Tổng quan: answers "what do I do now?" for the signed-in role. */
export default function DashboardPage() {
  const profile = useProfile();
  const supervisor = canApprove(profile.role);
  const query = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => unwrap(api.GET('/api/v1/dashboard')),
    refetchInterval: (q) => (q.state.data?.running.length ? LIVE_MS : CALM_MS),
  });
  const data = query.data;
  const inboxWaiting = supervisor && (data?.waiting.inboxTotal ?? 0) > 0;

  return (
    <>
      <PageHeader
        title="Tổng quan"
        subtitle={profile.unitName}
        extra={
          <>
            {inboxWaiting && (
              <Link to="/inbox">
                <Button type="primary" icon={<InboxOutlined />}>
                  Duyệt tin ({data!.waiting.inboxTotal})
                </Button>
              </Link>
            )}
            <Link to="/messages/new">
              <Button type={inboxWaiting ? 'default' : 'primary'} icon={<EditOutlined />}>
                Soạn tin mới
              </Button>
            </Link>
          </>
        }
      />
      {query.isError && !data && (
        <Alert
          type="error"
          showIcon
          title="Chưa tải được tổng quan"
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>Thử lại</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : data ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <WaitingCard waiting={data.waiting} supervisor={supervisor} timeZone={profile.timeZone} />
          </Col>
          <Col xs={24} lg={12}>
            <AlertsCard alerts={data.alerts} role={profile.role} />
          </Col>
          {data.running.length > 0 && (
            <Col xs={24}>
              <RunningCard running={data.running} />
            </Col>
          )}
          <Col xs={24} lg={12}>
            <UpcomingCard title="Phát hôm nay" items={data.upcoming.today} timeZone={profile.timeZone} today />
          </Col>
          <Col xs={24} lg={12}>
            <UpcomingCard title="7 ngày tới" items={data.upcoming.next7Days} timeZone={profile.timeZone} />
          </Col>
          <Col xs={24}>
            <MonthCard month={data.month} />
          </Col>
        </Row>
      ) : null}
    </>
  );
}
