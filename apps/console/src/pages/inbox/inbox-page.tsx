import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Pagination, Skeleton, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { getMessage, getVersion, inbox, labelFrom, messageKeys, useContentModel } from '../../components/messages/message-api';
import type { MessageSummary } from '../../components/messages/message-types';
import { canReview, ReviewButtons } from '../../components/messages/review-actions';
import { VersionDiff } from '../../components/messages/version-diff';
import { DiffLegend } from '../../components/messages/word-diff';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { PRIORITY, TAG_COLOR } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 10;

/** One waiting message: what changed since its last approved version (or all of it when new), and the decision. */
function InboxItem({ summary }: { summary: MessageSummary }) {
  const profile = useProfile();
  const model = useContentModel();
  const current = useQuery({ queryKey: messageKeys.one(summary.id), queryFn: () => getMessage(summary.id) });
  const approvedNo = summary.approvedVersion;
  const approved = useQuery({
    queryKey: messageKeys.version(summary.id, approvedNo ?? 0),
    queryFn: () => getVersion(summary.id, approvedNo!),
    enabled: approvedNo != null,
    staleTime: Infinity,
  });
  const m = current.data;
  const headingId = `inbox-${summary.id}`;

  return (
    <article aria-labelledby={headingId}>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" wrap gap={8} align="start">
          <div style={{ minWidth: 0, flex: '1 1 300px' }}>
            <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0 }}>
              <Link to={`/messages/${summary.id}`}>{summary.version.title}</Link>
            </Typography.Title>
            <Flex wrap gap={8} align="center" style={{ marginTop: 4 }}>
              {approvedNo == null ? <Tag color={TAG_COLOR.blue}>Tin mới</Tag> : <Tag color={TAG_COLOR.orange}>Sửa từ phiên bản đã duyệt {approvedNo}</Tag>}
              {summary.version.priority !== 'normal' && <StatusTag map={PRIORITY} code={summary.version.priority} />}
              <Typography.Text type="secondary">
                {summary.authorName ?? summary.version.authorName ?? '—'} · {summary.unitName} · gửi {formatDateTime(summary.submittedAt, profile.timeZone)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labelFrom(model.data?.contentGroups, summary.version.contentGroup)}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            {canReview(profile, summary) && <ReviewButtons message={summary} />}
          </Flex>
        </Flex>
        <div style={{ marginTop: 12 }}>
          {current.isError || approved.isError ? (
            <Alert type="error" showIcon title={errorMessage(current.error ?? approved.error)} />
          ) : !m || (approvedNo != null && !approved.data) ? (
            <Skeleton active />
          ) : (
            <>
              {approvedNo != null && (
                <div style={{ marginBottom: 8 }}>
                  <DiffLegend />
                </div>
              )}
              <VersionDiff before={approved.data ?? null} after={m.version} model={model.data} onlyChanged />
            </>
          )}
        </div>
      </Card>
    </article>
  );
}

/** Chờ duyệt: what waits for this supervisor, oldest first; approve or return from the list. */
export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({ queryKey: messageKeys.inbox(page), queryFn: () => inbox(page, PAGE_SIZE) });

  return (
    <>
      <PageHeader title="Chờ duyệt" subtitle={list.data ? `${list.data.total} tin bài đang chờ bạn duyệt` : undefined} />
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} action={<Button onClick={() => void list.refetch()}>Thử lại</Button>} />}
      {list.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {list.data && list.data.items.length === 0 && (
        <Card>
          <Empty description={page > 1 ? 'Trang này không còn tin bài nào.' : 'Không có tin bài nào chờ bạn duyệt.'}>
            {page > 1 && <Button onClick={() => setParams({})}>Về trang đầu</Button>}
          </Empty>
        </Card>
      )}
      {list.data?.items.map((m) => <InboxItem key={`${m.id}:${m.currentVersion}`} summary={m} />)}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={(p) => setParams(p > 1 ? { page: String(p) } : {})}
          showTotal={(t) => `${t} tin bài`}
          align="center"
        />
      )}
    </>
  );
}
