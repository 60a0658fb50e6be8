import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Tabs } from 'antd';
import { useState } from 'react';
import { ImportHistory } from '../../components/subscribers/import-history';
import { ImportPanel } from '../../components/subscribers/import-panel';
import { SubscriberFormDrawer } from '../../components/subscribers/subscriber-form-drawer';
import type { Subscriber } from '../../components/subscribers/subscriber-types';
import { SubscriberTable } from '../../components/subscribers/subscriber-table';
import { PageHeader } from '../../components/page-header';
import { useUrlState } from '../../lib/url-state';

const KEYS = ['tab', 'q', 'unitId', 'villageId', 'tag', 'optedOut', 'sort', 'ipage'] as const;

/** Người nhận tin: the citizens who receive SMS, searched and edited here, or imported from a sheet. */
export default function SubscribersPage() {
  const url = useUrlState(KEYS);
  const [editing, setEditing] = useState<Subscriber | 'new' | null>(null);
  const tab = url.values.tab === 'import' ? 'import' : 'list';

  return (
    <>
      <PageHeader
        title="Người nhận tin"
        subtitle="Người dân đăng ký nhận tin nhắn SMS"
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              Thêm người nhận
            </Button>
            {tab === 'list' && (
              <Button icon={<UploadOutlined />} onClick={() => url.set({ tab: 'import' })}>
                Nhập từ Excel, CSV
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => url.set({ tab: k === 'list' ? undefined : k, page: url.page })}
        items={[
          {
            key: 'list',
            label: 'Danh sách',
            children: <SubscriberTable url={url} onEdit={(s) => setEditing(s)} />,
          },
          {
            key: 'import',
            label: 'Nhập từ tệp',
            children: (
              <Flex vertical gap={16}>
                <ImportPanel />
                <ImportHistory page={Math.max(1, Number(url.values.ipage) || 1)} onPage={(p) => url.set({ ipage: p, page: url.page })} />
              </Flex>
            ),
          },
        ]}
      />
      <SubscriberFormDrawer open={editing !== null} subscriber={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  );
}
