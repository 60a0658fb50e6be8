import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { CHANNEL, PRIORITY } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { apiGet, type Page } from './broadcast-api';
import { ErrorText } from './broadcast-tags';

interface MessageSummary {
  id: string;
  unitName: string;
  status: string;
  approvedAt: string | null;
  version: { title: string; priority: string; renditions?: Record<string, unknown> };
}

/** Step 1: an approved message, found by words of its title or body (diacritics optional). */
export function WizardMessageStep({
  messageId,
  onChange,
  errors,
  tz,
}: {
  messageId: string | null;
  onChange: (id: string | null) => void;
  errors?: { message: string }[];
  tz: string;
}) {
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setTerm(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const list = useQuery({
    queryKey: ['messages', { status: 'approved', q: term }],
    queryFn: () => apiGet<Page<MessageSummary>>('/api/v1/messages', { status: 'approved', q: term, pageSize: 20 }),
  });
  const chosen = useQuery({
    queryKey: ['messages', messageId],
    queryFn: () => apiGet<MessageSummary>(`/api/v1/messages/${messageId}`),
    enabled: !!messageId,
  });
  const m = chosen.data;
  const renditions = m?.version.renditions ? Object.keys(m.version.renditions).filter((k) => m.version.renditions?.[k]) : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <label htmlFor="wizard-message">Tin bài đã duyệt</label>
        <Select
          id="wizard-message"
          showSearch={{ filterOption: false, onSearch: setQ }}
          allowClear
          style={{ width: '100%' }}
          placeholder="Gõ vài chữ của tiêu đề hoặc nội dung (không dấu cũng được)"
          value={messageId ?? undefined}
          onChange={(v) => onChange(v ?? null)}
          loading={list.isFetching}
          notFoundContent={list.isFetching ? 'Đang tìm…' : 'Không có tin bài đã duyệt nào khớp'}
          status={errors?.length ? 'error' : undefined}
          options={[
            ...(m && !list.data?.items.some((i) => i.id === m.id) ? [m] : []),
            ...(list.data?.items ?? []),
          ].map((i) => ({ value: i.id, label: `${i.version.title} · ${i.unitName}` }))}
        />
        {list.error && <ErrorText>Không tải được danh sách tin bài.</ErrorText>}
      </div>
      {errors?.map((e) => <Alert key={e.message} type="error" showIcon title={e.message} />)}
      {messageId && chosen.isError && <Alert type="error" showIcon title="Tin bài không tồn tại hoặc bạn không có quyền xem." />}
      {m ? (
        <Card size="small" title={m.version.title}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="Đơn vị">{m.unitName}</Descriptions.Item>
            <Descriptions.Item label="Mức ưu tiên">
              <Tag color={PRIORITY[m.version.priority]?.color}>{PRIORITY[m.version.priority]?.label ?? m.version.priority}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="Duyệt lúc">{formatDateTime(m.approvedAt, tz)}</Descriptions.Item>
            {renditions.length > 0 && (
              <Descriptions.Item label="Có nội dung cho">
                {renditions.map((r) => (r === 'social' ? 'Mạng xã hội' : CHANNEL[r] ?? r)).join(', ')}
              </Descriptions.Item>
            )}
          </Descriptions>
          {m.status !== 'approved' && <Alert type="warning" showIcon title="Tin bài này chưa được duyệt nên chưa thể lên lịch phát." />}
        </Card>
      ) : (
        !messageId && <Empty description="Chưa chọn tin bài" />
      )}
    </Space>
  );
}
