import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Grid, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { getJson, type Page } from '../../lib/api-loose';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { columnSortOrder, sortParam } from '../../lib/table-sort';
import { formatDate } from '../../lib/time';
import { StatusTag } from '../status-tag';
import type { useUrlState } from '../../lib/url-state';
import { OptOutButton } from './opt-out-button';
import { SUBSCRIBER_STATE, formatPhone, type Subscriber } from './subscriber-types';
import { UnitSelect } from '../unit-select';
import { VillageSelect } from './village-select';

const PAGE_SIZE = 20;
type Url = ReturnType<typeof useUrlState<'q' | 'unitId' | 'villageId' | 'tag' | 'optedOut' | 'sort'>>;

/** The subscriber list: search, filters, sort and page on the server, all kept in the URL. */
export function SubscriberTable({ url, onEdit }: { url: Url; onEdit: (s: Subscriber) => void }) {
  const profile = useProfile();
  const { q, unitId, villageId, tag, optedOut, sort } = url.values;
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const wide = !!Grid.useBreakpoint().md;
  const level = (profile as { unitLevel?: string }).unitLevel;
  const manyCommunes = level ? level !== 'commune' : profile.role !== 'officer';

  const query = { q, unitId, villageId, tag, optedOut, sort, page: url.page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['subscribers', query],
    queryFn: () => getJson<Page<Subscriber>>('/api/v1/subscribers', { params: { query } }),
    placeholderData: (prev) => prev,
  });

  const columns: TableColumnsType<Subscriber> = [
    {
      title: 'Số điện thoại',
      key: 'phone',
      dataIndex: 'phone',
      sorter: true,
      sortOrder: columnSortOrder(sort, 'phone'),
      render: (phone: string, s) => (
        <Flex vertical>
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onEdit(s)} aria-label={`Sửa người nhận ${formatPhone(phone)}`}>
            {formatPhone(phone)}
          </Button>
          {!wide && s.fullName && <Typography.Text type="secondary">{s.fullName}</Typography.Text>}
        </Flex>
      ),
    },
    { title: 'Họ tên', key: 'fullName', dataIndex: 'fullName', responsive: ['md'], render: (n: string | null) => n ?? '—', sorter: true, sortOrder: columnSortOrder(sort, 'fullName') },
    { title: 'Thôn, tổ dân phố', key: 'village', responsive: ['lg'], render: (_, s) => s.villageName ?? (manyCommunes ? s.unitName : '—') },
    { title: 'Nhãn', dataIndex: 'tags', responsive: ['lg'], render: (tags: string[]) => tags.map((t) => <Tag key={t}>{t}</Tag>) },
    {
      title: 'Nhận SMS',
      dataIndex: 'optedOut',
      render: (o: boolean) => <StatusTag map={SUBSCRIBER_STATE} code={o ? 'opted-out' : 'receiving'} />,
    },
    { title: 'Ngày thêm', key: 'createdAt', dataIndex: 'createdAt', responsive: ['xxl'], render: (d: string) => formatDate(d, profile.timeZone), sorter: true, sortOrder: columnSortOrder(sort, 'createdAt') },
    {
      title: 'Thao tác',
      key: 'actions',
      responsive: ['md'],
      render: (_, s) => (
        <Flex gap={4}>
          <Button size="small" type="text" icon={<EditOutlined />} onClick={() => onEdit(s)} aria-label={`Sửa ${formatPhone(s.phone)}`} />
          <OptOutButton subscriber={s} compact />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Form layout="vertical" role="search" aria-label="Tìm người nhận tin">
        <Flex gap={12} wrap align="end">
          <Form.Item label="Tìm số điện thoại hoặc tên" htmlFor="subscriber-q" style={{ flex: '1 1 240px', marginBottom: 0 }}>
            <Input.Search
              id="subscriber-q"
              allowClear
              value={text}
              placeholder="0912 345 hoặc Nguyen Van An"
              onChange={(e) => setText(e.target.value)}
              onSearch={(v) => url.set({ q: v.trim() || undefined })}
              enterButton="Tìm"
            />
          </Form.Item>
          {manyCommunes && (
            <Form.Item label="Xã, phường" htmlFor="subscriber-unit" style={{ flex: '1 1 200px', marginBottom: 0 }}>
              <UnitSelect level="commune" ownUnitFirst id="subscriber-unit" allowClear placeholder="Tất cả" value={unitId} onChange={(v) => url.set({ unitId: v, villageId: undefined })} />
            </Form.Item>
          )}
          <Form.Item label="Thôn, tổ dân phố" htmlFor="subscriber-village" style={{ flex: '1 1 180px', marginBottom: 0 }}>
            <VillageSelect id="subscriber-village" unitId={unitId ?? (manyCommunes ? undefined : profile.unitId)} placeholder="Tất cả" value={villageId} onChange={(v) => url.set({ villageId: v })} />
          </Form.Item>
          <Form.Item label="Nhãn" htmlFor="subscriber-tag" style={{ flex: '0 1 160px', marginBottom: 0 }}>
            <Input id="subscriber-tag" allowClear defaultValue={tag} key={tag} placeholder="hộ nghèo" onPressEnter={(e) => url.set({ tag: e.currentTarget.value.trim() || undefined })} onBlur={(e) => e.currentTarget.value.trim() !== (tag ?? '') && url.set({ tag: e.currentTarget.value.trim() || undefined })} />
          </Form.Item>
          <Form.Item label="Nhận SMS" htmlFor="subscriber-opted" style={{ flex: '0 1 160px', marginBottom: 0 }}>
            <Select
              id="subscriber-opted"
              value={optedOut ?? ''}
              onChange={(v) => url.set({ optedOut: v || undefined })}
              options={[
                { value: '', label: 'Tất cả' },
                { value: 'false', label: 'Đang nhận' },
                { value: 'true', label: 'Đã từ chối' },
              ]}
            />
          </Form.Item>
        </Flex>
      </Form>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Typography.Text type="secondary" aria-live="polite">
        {list.data ? `${formatNumber(list.data.total)} người nhận` : ' '}
      </Typography.Text>
      <Table<Subscriber>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        locale={{ emptyText: <Typography.Text type="secondary">{list.isPending ? 'Đang tải…' : q || villageId || tag || optedOut ? 'Không có người nhận nào khớp bộ lọc.' : 'Chưa có người nhận tin. Thêm từng người hoặc nhập từ tệp Excel, CSV.'}</Typography.Text> }}
        pagination={{ current: url.page, pageSize: PAGE_SIZE, total: list.data?.total, showSizeChanger: false, hideOnSinglePage: true }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') url.set({ sort: sortParam(sorter) });
          else if (extra.action === 'paginate') url.set({ page: pagination.current });
        }}
      />
    </Flex>
  );
}
