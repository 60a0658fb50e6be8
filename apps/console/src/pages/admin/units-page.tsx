import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Grid, Input, Row, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import type { UnitDetail, UnitItem } from '../../components/admin/admin-types';
import { UnitPanel } from '../../components/admin/unit-panel';
import { UnitTree, type UnitTreeHandle } from '../../components/admin/unit-tree';
import { PageHeader } from '../../components/page-header';
import { UNIT_LEVEL } from '../../lib/admin-labels';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['unit', 'q'] as const;

/** The caller's unit tree, searchable without diacritics, and the villages of each commune. */
export default function UnitsPage() {
  const profile = useProfile();
  const { values, set } = useUrlState(KEYS);
  const [text, setText] = useState(values.q ?? '');
  const tree = useRef<UnitTreeHandle>(null);
  const queryClient = useQueryClient();
  const selectedId = values.unit ?? profile.unitId;

  const root = useQuery({ queryKey: ['unit', profile.unitId], queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: profile.unitId } } })) });
  const found = useQuery({
    queryKey: ['units', 'search', { q: values.q }],
    queryFn: () => unwrap(api.GET('/api/v1/units', { params: { query: { q: values.q, pageSize: 50 } } })),
    enabled: !!values.q,
    placeholderData: keepPreviousData,
  });

  const panel = useRef<HTMLDivElement>(null);
  const narrow = !Grid.useBreakpoint().lg;
  const select = (unit: UnitItem) => {
    set({ unit: unit.id === profile.unitId ? undefined : unit.id });
    // On a phone the panel sits below the tree: bring it into view.
    if (narrow) panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const pick = async (unit: UnitItem) => {
    setText('');
    set({ unit: unit.id, q: undefined });
    if (narrow) panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    const detail = await queryClient.fetchQuery({ queryKey: ['unit', unit.id], queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: unit.id } } })) });
    await tree.current?.reveal([...detail.ancestors.map((a) => a.id), unit.id]).catch(() => undefined);
  };
  const changed = (parentId: string, removedId?: string) => {
    void tree.current?.reload(parentId);
    void queryClient.invalidateQueries({ queryKey: ['unit'] });
    void queryClient.invalidateQueries({ queryKey: ['units', 'search'] });
    if (removedId && removedId === selectedId) set({ unit: parentId === profile.unitId ? undefined : parentId });
  };

  return (
    <>
      <PageHeader title="Đơn vị, thôn" subtitle="Các đơn vị thuộc phạm vi của bạn và thôn, tổ dân phố của từng xã, phường" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card size="small">
            <label htmlFor="units-q" style={{ display: 'block', marginBottom: 4 }}>
              Tìm đơn vị (gõ không dấu cũng được)
            </label>
            <Input.Search
              id="units-q"
              value={text}
              allowClear
              placeholder="ví dụ: bao lam, khau cau"
              enterButton="Tìm"
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value) set({ q: undefined });
              }}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ marginBottom: 12 }}
            />
            {values.q && (
              <section aria-label="Kết quả tìm đơn vị">
                {found.isError && <Alert type="error" showIcon title={errorMessage(found.error)} />}
                {found.isFetching && !found.data && <Skeleton active paragraph={{ rows: 3 }} />}
                {found.data && (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                    {found.data.total ? `${found.data.total} đơn vị khớp “${values.q}”` : `Không có đơn vị nào khớp “${values.q}”`}
                  </Typography.Paragraph>
                )}
                <ul style={{ listStyle: 'none', margin: 0, padding: 0, opacity: found.isFetching ? 0.6 : 1 }}>
                  {found.data?.items.map((u) => (
                    <li key={u.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                      <Button type="link" style={{ padding: 0, height: 'auto', textAlign: 'start', whiteSpace: 'normal' }} onClick={() => void pick(u)}>
                        {u.fullName}
                      </Button>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {UNIT_LEVEL[u.level]}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {root.isLoading && <Skeleton active />}
            {root.isError && <Alert type="error" showIcon title={errorMessage(root.error)} action={<Button onClick={() => void root.refetch()}>Thử lại</Button>} />}
            {root.data && (
              // Hidden, not unmounted, while searching: the opened branches stay open.
              <div style={{ maxHeight: '65vh', overflow: 'auto', display: values.q ? 'none' : undefined }}>
                <UnitTree ref={tree} root={root.data} selectedId={selectedId} onSelect={select} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15} ref={panel}>
          <UnitPanel unitId={selectedId} rootId={profile.unitId} canEditVillages={profile.role !== 'supervisor'} onSelect={select} onChanged={changed} />
        </Col>
      </Row>
    </>
  );
}
