import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useDebounced } from '../../lib/use-debounced';
import type { UserItem } from './admin-types';

/**
 * A user of the caller's subtree (locked ones too), found by name or username without diacritics; the
 * API does the matching. Works as an antd form control.
 */
export function UserPicker({ id, value, onChange, placeholder }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; placeholder?: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, includeDisabled: true, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const listed = found.data?.items.some((u) => u.id === value) ?? false;
  const chosen = useQuery({
    queryKey: ['user', value],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: value! } } })),
    enabled: !!value && !listed,
    staleTime: 300_000,
  });
  const options = useMemo(() => {
    const users = [...(found.data?.items ?? [])];
    if (chosen.data && !users.some((u) => u.id === chosen.data.id)) users.unshift(chosen.data);
    return users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  }, [found.data, chosen.data]);

  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      onClear={() => setText('')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? 'Đang tìm…' : found.isError ? 'Không tải được danh sách người dùng' : 'Không có người dùng khớp'}
      placeholder={placeholder ?? 'Gõ tên hoặc tên đăng nhập'}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
