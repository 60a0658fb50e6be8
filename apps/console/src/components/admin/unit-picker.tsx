import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { getJson } from '../../lib/api-loose';
import { UNIT_LEVEL } from '../../lib/admin-labels';
import type { PageOf, UnitDetail, UnitItem } from './admin-types';

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

export interface UnitPickerProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only units of this level (e.g. communes). */
  level?: UnitItem['level'];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * A unit of the caller's subtree, found by typing part of its name; diacritics are optional
 * ("bao lam" finds "Xã Bảo Lâm"), the API does the matching. Works as an antd form control.
 */
export function UnitPicker({ id, value, onChange, level, placeholder, allowClear, style, ...rest }: UnitPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['units', 'search', { q, level }],
    queryFn: () => getJson<PageOf<UnitItem>>('/api/v1/units', { params: { query: { q: q || undefined, level, pageSize: 30 } } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const listed = found.data?.items.some((u) => u.id === value) ?? false;
  // The chosen unit's name when it is not among the matches (a value from the URL or an edited record).
  const chosen = useQuery({
    queryKey: ['unit', value],
    queryFn: () => getJson<UnitDetail>(`/api/v1/units/${value}`),
    enabled: !!value && !listed,
    staleTime: 300_000,
  });

  const options = useMemo(() => {
    const units = [...(found.data?.items ?? [])];
    if (chosen.data && !units.some((u) => u.id === chosen.data.id)) units.unshift(chosen.data);
    return units.map((u) => ({
      value: u.id,
      label: u.fullName,
      hint: [UNIT_LEVEL[u.level], u.validTo ? 'đã hết hiệu lực' : null].filter(Boolean).join(' · '),
    }));
  }, [found.data, chosen.data]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      onClear={() => setText('')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.hint}
          </Typography.Text>
        </div>
      )}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? 'Đang tìm…' : found.isError ? 'Không tải được danh sách đơn vị' : 'Không có đơn vị khớp'}
      placeholder={placeholder ?? 'Gõ tên đơn vị (không cần dấu)'}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
    />
  );
}
