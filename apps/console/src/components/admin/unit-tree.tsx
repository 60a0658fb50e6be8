import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { Alert, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import type { UnitItem } from './admin-types';

const PAGE = 100;

/** Every child of a unit (a province can have more communes than one page holds), shared by the tree and the panel. */
export function childrenQuery(id: string) {
  return queryOptions({
    queryKey: ['units', id, 'children'],
    staleTime: 60_000,
    queryFn: async () => {
      const items: UnitItem[] = [];
      for (let page = 1; ; page++) {
        const answer = await unwrap(api.GET('/api/v1/units/{id}/children', { params: { path: { id }, query: { page, pageSize: PAGE } } }));
        items.push(...answer.items);
        if (answer.items.length < PAGE || items.length >= answer.total) return items;
      }
    },
  });
}

export interface UnitTreeHandle {
  /** Loads the children of `id` again (after a village was added, renamed or removed). */
  reload(id: string): Promise<void>;
  /** Opens the tree down to a unit and the unit itself: `path` are its ancestors root first, then the unit. */
  reveal(path: string[]): Promise<void>;
}

/**
 * The unit tree from the caller's own unit, each level loaded when it is opened. Keyboard: arrows move,
 * Enter selects (antd Tree).
 */
export function UnitTree({ root, selectedId, onSelect, ref }: { root: UnitItem; selectedId?: string; onSelect: (unit: UnitItem) => void; ref?: Ref<UnitTreeHandle> }) {
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<Record<string, UnitItem[]>>({});
  const [expanded, setExpanded] = useState<React.Key[]>([root.id]);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(
    async (id: string, fresh = false) => {
      try {
        if (fresh) await queryClient.invalidateQueries({ queryKey: childrenQuery(id).queryKey });
        const items = await queryClient.fetchQuery(childrenQuery(id));
        setChildren((prev) => ({ ...prev, [id]: items }));
        setFailure(null);
      } catch (error) {
        setFailure(errorMessage(error));
        throw error;
      }
    },
    [queryClient],
  );

  useImperativeHandle(
    ref,
    () => ({
      reload: (id) => load(id, true),
      reveal: async (path) => {
        const from = path.indexOf(root.id);
        if (from < 0) return;
        const opened = path.slice(from);
        for (const id of opened) await load(id);
        setExpanded((prev) => [...new Set([...prev, ...opened])]);
      },
    }),
    [load, root.id],
  );

  const units = useMemo(() => {
    const all = new Map<string, UnitItem>([[root.id, root]]);
    for (const list of Object.values(children)) for (const u of list) all.set(u.id, u);
    return all;
  }, [children, root]);

  const treeData = useMemo(() => {
    const build = (u: UnitItem): DataNode => ({
      key: u.id,
      isLeaf: u.level === 'village' || children[u.id]?.length === 0,
      title: (
        <span>
          {u.fullName}
          {/* Under a unit that is itself out of date (a pre-2025 district), every node would say so: only flag it under a current one. */}
          {u.validTo && !root.validTo && (
            <Tag style={{ marginInlineStart: 6 }} color="default">
              hết hiệu lực
            </Tag>
          )}
        </span>
      ),
      children: children[u.id]?.map(build),
    });
    return [build(root)];
  }, [children, root]);

  return (
    <>
      {failure && <Alert type="error" showIcon title={`Không tải được đơn vị trực thuộc: ${failure}`} style={{ marginBottom: 8 }} />}
      <Tree
        aria-label="Cây đơn vị"
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        loadData={async (node) => {
          const id = String(node.key);
          if (!children[id]) await load(id).catch(() => undefined);
        }}
        loadedKeys={Object.keys(children)}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_, info) => {
          const unit = units.get(String(info.node.key));
          if (unit) onSelect(unit);
        }}
        blockNode
      />
    </>
  );
}
