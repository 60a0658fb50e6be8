import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Grid, Input, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { labelFrom, listMessages, messageKeys, useContentModel } from '../../components/messages/message-api';
import type { MessageSummary } from '../../components/messages/message-types';
import { AuthorSelect } from '../../components/messages/remote-selects';
import { UnitSelect } from '../../components/unit-select';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { MESSAGE_STATUS, PRIORITY } from '../../lib/labels';
import { columnSortOrder, sortParam } from '../../lib/table-sort';
import { formatDateTime } from '../../lib/time';

const FILTERS = ['q', 'status', 'contentGroup', 'priority', 'authorId', 'unitId'] as const;
const DEFAULT_SORT = '-updatedAt';
const LABEL: React.CSSProperties = { display: 'block', marginBottom: 4 };

const statusOptions = Object.entries(MESSAGE_STATUS).map(([value, s]) => ({ value, label: s.label }));
const priorityOptions = Object.entries(PRIORITY).map(([value, p]) => ({ value, label: p.label }));

/** Tin bài: every message in the caller's units, filtered, sorted and paged on the server; the state lives in the URL. */
export default function MessageListPage() {
  const profile = useProfile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const model = useContentModel();
  const narrow = !Grid.useBreakpoint().sm;
  const [moreFilters, setMoreFilters] = useState(false);
  const ids = { q: useId(), status: useId(), group: useId(), priority: useId(), author: useId(), unit: useId() };

  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = params.get('sort') ?? DEFAULT_SORT;
  // The default order is the API's own: left out, the request stays the plainest one.
  const query: Record<string, string> = { page: String(page), pageSize: String(pageSize), ...(sort !== DEFAULT_SORT && { sort }) };
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query[f] = v;
  }
  const filtered = FILTERS.some((f) => params.get(f));
  const activeFilters = FILTERS.filter((f) => f !== 'q' && params.get(f)).length;
  const showFilters = !narrow || moreFilters;

  const list = useQuery({ queryKey: messageKeys.list(query), queryFn: () => listMessages(query), placeholderData: keepPreviousData });

  /** Changing a filter goes back to page 1; empty values leave the URL. */
  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: false });
  };

  const columns: TableProps<MessageSummary>['columns'] = [
    {
      key: 'title',
      title: 'Tiêu đề',
      sorter: true,
      sortOrder: columnSortOrder(sort, 'title'),
      width: '40%',
      render: (_, m) => (
        <div style={{ minWidth: 160 }}>
          <Link to={`/messages/${m.id}`}>{m.version.title}</Link>
          <div>
            {narrow ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <StatusTag map={MESSAGE_STATUS} code={m.status} />
                {formatDateTime(m.updatedAt, profile.timeZone)}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
                {labelFrom(model.data?.contentGroups, m.version.contentGroup)}
              </Typography.Text>
            )}
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: 'Trạng thái',
      sorter: true,
      sortOrder: columnSortOrder(sort, 'status'),
      responsive: ['sm'],
      render: (_, m) => <StatusTag map={MESSAGE_STATUS} code={m.status} />,
    },
    {
      key: 'priority',
      title: 'Ưu tiên',
      sorter: true,
      sortOrder: columnSortOrder(sort, 'priority'),
      responsive: ['md'],
      render: (_, m) => <StatusTag map={PRIORITY} code={m.version.priority} />,
    },
    { key: 'author', title: 'Người soạn', responsive: ['lg'], render: (_, m) => m.authorName ?? m.version.authorName ?? '—' },
    { key: 'unit', title: 'Đơn vị', responsive: ['lg'], render: (_, m) => m.unitName },
    {
      key: 'updatedAt',
      title: 'Cập nhật',
      sorter: true,
      sortOrder: columnSortOrder(sort, 'updatedAt'),
      responsive: ['sm'],
      render: (_, m) => formatDateTime(m.updatedAt, profile.timeZone),
    },
  ];

  const empty = filtered ? (
    <Empty description="Không có tin bài nào khớp bộ lọc">
      <Button onClick={() => update(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>Xóa bộ lọc</Button>
    </Empty>
  ) : (
    <Empty description="Chưa có tin bài nào">
      <Button type="primary" onClick={() => navigate('/messages/new')}>
        Soạn tin mới
      </Button>
    </Empty>
  );

  return (
    <>
      <PageHeader
        title="Tin bài"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/messages/new')}>
            Soạn tin mới
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 8 } }}>
        <Row gutter={[12, 12]} role="search" aria-label="Lọc tin bài">
          <Col xs={24} lg={8}>
            <label htmlFor={ids.q} style={LABEL}>
              Tìm trong tiêu đề và nội dung
            </label>
            <Input.Search
              id={ids.q}
              key={params.get('q') ?? ''}
              defaultValue={params.get('q') ?? ''}
              allowClear
              placeholder="Ví dụ: nop ho so"
              onSearch={(v) => update({ q: v.trim() || undefined })}
            />
          </Col>
          {narrow && (
            <Col xs={24}>
              <Button icon={<FilterOutlined />} aria-expanded={showFilters} onClick={() => setMoreFilters((v) => !v)}>
                {showFilters ? 'Ẩn bộ lọc' : 'Thêm bộ lọc'}
                {activeFilters > 0 && ` (${activeFilters})`}
              </Button>
            </Col>
          )}
          {showFilters && (
            <>
              <Col xs={12} sm={8} lg={4}>
                <label htmlFor={ids.status} style={LABEL}>
                  Trạng thái
                </label>
                <Select id={ids.status} style={{ width: '100%' }} allowClear placeholder="Tất cả" value={params.get('status') ?? undefined} options={statusOptions} onChange={(v) => update({ status: v })} />
              </Col>
              <Col xs={12} sm={8} lg={4}>
                <label htmlFor={ids.priority} style={LABEL}>
                  Mức ưu tiên
                </label>
                <Select id={ids.priority} style={{ width: '100%' }} allowClear placeholder="Tất cả" value={params.get('priority') ?? undefined} options={priorityOptions} onChange={(v) => update({ priority: v })} />
              </Col>
              <Col xs={24} sm={8} lg={8}>
                <label htmlFor={ids.group} style={LABEL}>
                  Nhóm nội dung
                </label>
                <Select
                  id={ids.group}
                  style={{ width: '100%' }}
                  allowClear
                  placeholder="Tất cả"
                  value={params.get('contentGroup') ?? undefined}
                  options={(model.data?.contentGroups ?? []).map((g) => ({ value: g.code, label: g.label }))}
                  onChange={(v) => update({ contentGroup: v })}
                  popupMatchSelectWidth={false}
                />
              </Col>
              <Col xs={24} sm={12} lg={8}>
                <label htmlFor={ids.unit} style={LABEL}>
                  Đơn vị
                </label>
                <UnitSelect id={ids.unit} allowClear placeholder="Tất cả đơn vị của bạn" value={params.get('unitId') ?? undefined} onChange={(v) => update({ unitId: v })} />
              </Col>
              <Col xs={24} sm={12} lg={8}>
                {profile.role === 'officer' ? (
                  <Checkbox style={{ marginTop: 26 }} checked={params.get('authorId') === profile.id} onChange={(e) => update({ authorId: e.target.checked ? profile.id : undefined })}>
                    Chỉ tin tôi soạn
                  </Checkbox>
                ) : (
                  <>
                    <label htmlFor={ids.author} style={LABEL}>
                      Người soạn
                    </label>
                    <AuthorSelect id={ids.author} style={{ width: '100%' }} placeholder="Tất cả" value={params.get('authorId') ?? undefined} onChange={(v) => update({ authorId: v })} />
              </>
            )}
          </Col>
            </>
          )}
        </Row>
      </Card>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} action={<Button onClick={() => void list.refetch()}>Thử lại</Button>} />}
      <Table<MessageSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : empty }}
        scroll={narrow ? undefined : { x: 720 }}
        sortDirections={['ascend', 'descend', 'ascend']}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `${total} tin bài`,
        }}
        onChange={(p, _filters, sorter, extra) => {
          if (extra.action === 'sort') update({ sort: sortParam(sorter) });
          else update({ page: p.current && p.current > 1 ? String(p.current) : undefined, pageSize: p.pageSize !== 20 ? String(p.pageSize) : undefined }, false);
        }}
      />
    </>
  );
}
