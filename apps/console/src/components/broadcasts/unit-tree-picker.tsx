import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, List, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyText } from './broadcast-tags';
import { broadcastApi, type UnitView } from './broadcast-api';

export interface UnitSelection {
  unitIds: string[];
  villageIds: string[];
}

interface Node extends TreeDataNode {
  key: string;
  unit: UnitView;
  children?: Node[];
}

const toNode = (u: UnitView, unitsOnly = false): Node => ({
  key: u.id,
  title: u.fullName || u.name,
  unit: u,
  isLeaf: u.level === 'village' || (unitsOnly && u.level === 'commune'),
});

function withChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n));
}

/**
 * Whole units (their subtree) and, within them, villages (thôn, tổ dân phố). The tree opens lazily
 * from the caller's unit; the search finds any unit of the caller's subtree, diacritics optional.
 * `unitsOnly` (emergencies) stops at communes: no villages to pick.
 */
export function UnitTreePicker({
  rootUnitId,
  value,
  onChange,
  error,
  unitsOnly = false,
}: {
  rootUnitId: string;
  value: UnitSelection;
  onChange: (next: UnitSelection) => void;
  error?: string;
  unitsOnly?: boolean;
}) {
  const known = useRef(new Map<string, UnitView>());
  const remember = useCallback((units: UnitView[]) => units.forEach((u) => known.current.set(u.id, u)), []);
  const [tree, setTree] = useState<Node[]>([]);
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');

  const root = useQuery({ queryKey: ['units', rootUnitId], queryFn: () => broadcastApi.unit(rootUnitId) });
  useEffect(() => {
    if (!root.data) return;
    remember([root.data]);
    setTree([toNode(root.data, unitsOnly)]);
  }, [root.data, remember, unitsOnly]);

  useEffect(() => {
    const t = setTimeout(() => setTerm(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const search = useQuery({
    queryKey: ['units', { q: term }],
    queryFn: () => broadcastApi.units({ q: term, pageSize: 8 }),
    enabled: term.length >= 2,
  });
  useEffect(() => search.data && remember(search.data.items), [search.data, remember]);

  const loadData = async (node: Node) => {
    if (node.children) return;
    const page = await broadcastApi.unitChildren(node.key);
    remember(page.items);
    setTree((t) => withChildren(t, node.key, page.items.map((u) => toNode(u, unitsOnly))));
  };

  const hasChosenAncestor = (unit: UnitView, unitIds: string[]) => {
    for (let p = unit.parentId; p; p = known.current.get(p)?.parentId ?? null) if (unitIds.includes(p)) return true;
    return false;
  };

  const toggle = (unit: UnitView) => {
    if (unit.level === 'village') {
      const on = value.villageIds.includes(unit.id);
      const villageIds = on ? value.villageIds.filter((v) => v !== unit.id) : [...value.villageIds, unit.id];
      // A village narrows a chosen unit: its commune joins the targets when nothing above it is chosen.
      const unitIds = !on && unit.parentId && !hasChosenAncestor(unit, value.unitIds) ? [...value.unitIds, unit.parentId] : value.unitIds;
      onChange({ unitIds, villageIds });
    } else {
      const on = value.unitIds.includes(unit.id);
      onChange({ ...value, unitIds: on ? value.unitIds.filter((v) => v !== unit.id) : [...value.unitIds, unit.id] });
    }
  };

  const nameOf = (id: string) => known.current.get(id)?.fullName ?? known.current.get(id)?.name ?? 'Đơn vị';
  const chosen = [...value.unitIds.map((id) => ({ id, village: false })), ...value.villageIds.map((id) => ({ id, village: true }))];

  return (
    <Flex vertical gap={12}>
      <div>
        <label htmlFor="unit-search">Tìm đơn vị hoặc thôn (gõ không dấu cũng được)</label>
        <Input
          id="unit-search"
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          placeholder="ví dụ: thon dong"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {term.length >= 2 && (
          <List
            size="small"
            bordered
            loading={search.isFetching}
            locale={{ emptyText: <EmptyText>Không có đơn vị nào khớp</EmptyText> }}
            dataSource={(search.data?.items ?? []).filter((u) => !unitsOnly || u.level !== 'village')}
            style={{ marginTop: 4 }}
            renderItem={(u) => {
              const on = value.unitIds.includes(u.id) || value.villageIds.includes(u.id);
              return (
                <List.Item
                  actions={[
                    <Button key="pick" size="small" type={on ? 'default' : 'primary'} onClick={() => toggle(u)} aria-label={`${on ? 'Bỏ chọn' : 'Chọn'} ${u.fullName}`}>
                      {on ? 'Bỏ chọn' : 'Chọn'}
                    </Button>,
                  ]}
                >
                  {u.fullName}
                </List.Item>
              );
            }}
          />
        )}
      </div>
      <div>
        <Typography.Text strong id="unit-tree-label">
          Cây đơn vị
        </Typography.Text>
        {tree.length === 0 && root.isLoading && <Spin size="small" aria-label="Đang tải cây đơn vị" />}
        {tree.length > 0 && (
          <Tree<Node>
            aria-labelledby="unit-tree-label"
            checkable
            checkStrictly
            selectable={false}
            treeData={tree}
            loadData={loadData}
            defaultExpandedKeys={[rootUnitId]}
            checkedKeys={{ checked: [...value.unitIds, ...value.villageIds], halfChecked: [] }}
            onCheck={(_, info) => toggle(info.node.unit)}
            style={{ maxHeight: 320, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 4 }}
          />
        )}
      </div>
      <div aria-live="polite">
        <Typography.Text strong>Đã chọn: </Typography.Text>
        {chosen.length === 0 ? (
          <Typography.Text type="secondary">chưa chọn đơn vị nào</Typography.Text>
        ) : (
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {chosen.map((c) => (
              <Tag
                key={c.id}
                color={c.village ? 'green' : 'blue'}
                closable
                closeIcon={<span aria-label={`Bỏ ${nameOf(c.id)}`}>×</span>}
                onClose={(e) => {
                  e.preventDefault();
                  const u = known.current.get(c.id);
                  if (u) toggle(u);
                  else onChange({ unitIds: value.unitIds.filter((v) => v !== c.id), villageIds: value.villageIds.filter((v) => v !== c.id) });
                }}
              >
                {nameOf(c.id)}
              </Tag>
            ))}
          </Flex>
        )}
      </div>
      {value.villageIds.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="Đã chọn thôn/tổ dân phố: tin chỉ đến người nhận, cụm loa và bảng tin của các thôn đã chọn (trong các đơn vị đã chọn)."
        />
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Flex>
  );
}
