import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';

interface Option {
  value: string;
  label: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Shown for `value` before the first search answers (e.g. the name the list row carries). */
  initialLabel?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** A select that asks the server as the officer types (diacritics are ignored by the API). */
function RemoteSelect({
  fetch,
  resolve,
  queryKey,
  initialLabel,
  value,
  onChange,
  ...rest
}: Props & { fetch(q: string): Promise<Option[]>; resolve(id: string): Promise<string>; queryKey: string }) {
  const [q, setQ] = useState('');
  const options = useQuery({ queryKey: [queryKey, 'options', q], queryFn: () => fetch(q), staleTime: 60_000 });
  const list = options.data ?? [];
  const missing = !!value && !initialLabel && !list.some((o) => o.value === value);
  // A value from the URL after a reload: name it rather than show its id.
  const named = useQuery({ queryKey: [queryKey, 'name', value], queryFn: () => resolve(value!), enabled: missing, staleTime: Infinity });
  const label = initialLabel ?? named.data;
  const withCurrent = value && label && !list.some((o) => o.value === value) ? [{ value, label }, ...list] : list;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={withCurrent}
      loading={options.isFetching}
      notFoundContent={options.isFetching ? 'Đang tìm…' : 'Không có kết quả'}
      {...rest}
    />
  );
}

export function AuthorSelect(props: Props) {
  return (
    <RemoteSelect
      {...props}
      queryKey="users"
      resolve={async (id) => (await unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } }))).displayName}
      fetch={async (q) => {
        const page = await unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, pageSize: 30 } } }));
        return page.items.map((u) => ({ value: u.id, label: `${u.displayName} (${u.unitName})` }));
      }}
    />
  );
}
