import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { unwrap, api, ApiError } from '../../api/client';
import { UNIT_LEVEL, VILLAGE_TYPE } from '../../lib/admin-labels';
import { errorMessage } from '../../lib/form-errors';
import { formatDate } from '../../lib/time';
import type { UnitDetail, UnitItem } from './admin-types';
import { childrenQuery } from './unit-tree';
import { VillageFormModal, type VillageEdit } from './village-form-modal';

const SOURCE: Record<string, string> = {
  'vn-2025': 'Danh mục hành chính từ 01/07/2025',
  'vn-pre2025': 'Danh mục hành chính trước 01/07/2025',
  local: 'Do địa phương tạo',
};

interface Props {
  unitId: string;
  rootId: string;
  /** Officers and admins keep the village list; supervisors read it. */
  canEditVillages: boolean;
  onSelect: (unit: UnitItem) => void;
  /** A village under `parentId` was added, renamed or removed. */
  onChanged: (parentId: string, removedId?: string) => void;
}

/** One unit: where it sits, what it is, and for a commune (or a village) its Thôn / Tổ dân phố. */
export function UnitPanel({ unitId, rootId, canEditVillages, onSelect, onChanged }: Props) {
  const detail = useQuery({ queryKey: ['unit', unitId], queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: unitId } } })) });
  const unit = detail.data;
  const listsVillages = unit?.level === 'commune';
  const children = useQuery({ ...childrenQuery(unitId), enabled: !!unit && unit.level !== 'village' });
  const [edit, setEdit] = useState<VillageEdit | null>(null);
  const { modal, message } = App.useApp();

  if (detail.isLoading) return <Card><Skeleton active /></Card>;
  if (detail.isError || !unit) {
    return <Alert type="error" showIcon title={`Không mở được đơn vị: ${errorMessage(detail.error)}`} action={<Button onClick={() => void detail.refetch()}>Thử lại</Button>} />;
  }

  const editable = (u: UnitItem) => canEditVillages && u.level === 'village' && u.source === 'local';
  const remove = (village: UnitItem) =>
    modal.confirm({
      title: `Xóa ${village.fullName}?`,
      content: 'Chỉ xóa được thôn, tổ dân phố chưa có người nhận tin, cụm loa, bảng tin hay lượt phát nào dùng đến.',
      okText: 'Xóa',
      okButtonProps: { danger: true },
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          await unwrap(api.DELETE('/api/v1/units/{id}', { params: { path: { id: village.id } } }));
          message.success(`Đã xóa ${village.fullName}`);
          onChanged(village.parentId ?? unit.id, village.id);
        } catch (error) {
          // A 409's message is the whole sentence (what uses the village and what to do); its details only list counts.
          modal.error({ title: `Không xóa được ${village.fullName}`, content: error instanceof ApiError ? error.message : errorMessage(error), okText: 'Đóng' });
        }
      },
    });
  const path = [...unit.ancestors.slice(Math.max(0, unit.ancestors.findIndex((a) => a.id === rootId))), unit];

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {unit.fullName}
        </Typography.Title>
      }
      extra={
        editable(unit) && (
          <Flex gap={8} wrap>
            <Button icon={<EditOutlined />} onClick={() => setEdit({ mode: 'rename', village: unit })}>
              Đổi tên
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={() => remove(unit)}>
              Xóa
            </Button>
          </Flex>
        )
      }
    >
      {path.length > 1 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={path.map((u) => ({
            key: u.id,
            title:
              u.id === unit.id ? (
                u.fullName
              ) : (
                <a href={`?unit=${u.id}`} onClick={(e) => (e.preventDefault(), onSelect(u))}>
                  {u.fullName}
                </a>
              ),
          }))}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'level', label: 'Cấp', children: unit.level === 'village' ? (VILLAGE_TYPE[unit.type] ?? UNIT_LEVEL.village) : UNIT_LEVEL[unit.level] },
          { key: 'code', label: 'Mã', children: unit.code ?? '—' },
          { key: 'source', label: 'Nguồn', children: SOURCE[unit.source] ?? unit.source },
          {
            key: 'valid',
            label: 'Hiệu lực',
            children: unit.validTo ? `Đến ${formatDate(unit.validTo)} (đã hết hiệu lực)` : unit.validFrom ? `Từ ${formatDate(unit.validFrom)}` : 'Đang dùng',
          },
        ]}
      />
      {unit.level !== 'village' && !listsVillages && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {children.data ? `${children.data.length} đơn vị trực thuộc. ` : ''}Mở đơn vị trong cây để xem các đơn vị bên dưới.
        </Typography.Paragraph>
      )}
      {listsVillages && (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '16px 0 8px' }}>
            <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
              Thôn, tổ dân phố
            </Typography.Title>
            {canEditVillages && !unit.validTo && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'add', commune: unit })}>
                Thêm thôn, tổ dân phố
              </Button>
            )}
          </Flex>
          {children.isError && <Alert type="error" showIcon title={errorMessage(children.error)} action={<Button onClick={() => void children.refetch()}>Thử lại</Button>} />}
          <Table<UnitItem>
            rowKey="id"
            size="small"
            loading={children.isFetching}
            dataSource={children.data}
            pagination={children.data && children.data.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: children.isLoading ? (
                'Đang tải…'
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Xã, phường này chưa có thôn, tổ dân phố nào" />
              ),
            }}
            columns={[
              {
                key: 'name',
                title: 'Tên',
                render: (_, v) => (
                  <a href={`?unit=${v.id}`} onClick={(e) => (e.preventDefault(), onSelect(v))}>
                    {v.fullName}
                  </a>
                ),
              },
              { key: 'type', title: 'Loại', render: (_, v) => VILLAGE_TYPE[v.type] ?? v.type },
              { key: 'code', title: 'Mã', render: (_, v) => v.code ?? '—', responsive: ['sm'] },
              ...(canEditVillages
                ? [
                    {
                      key: 'actions',
                      title: 'Thao tác',
                      render: (_: unknown, v: UnitItem) =>
                        editable(v) && (
                          <Flex gap={4} wrap>
                            <Button size="small" onClick={() => setEdit({ mode: 'rename', village: v })} aria-label={`Đổi tên ${v.fullName}`}>
                              Đổi tên
                            </Button>
                            <Button size="small" danger onClick={() => remove(v)} aria-label={`Xóa ${v.fullName}`}>
                              Xóa
                            </Button>
                          </Flex>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      <VillageFormModal
        edit={edit}
        onClose={() => setEdit(null)}
        onSaved={() => onChanged(edit?.mode === 'add' ? edit.commune.id : (edit?.village.parentId ?? unit.id))}
      />
    </Card>
  );
}
