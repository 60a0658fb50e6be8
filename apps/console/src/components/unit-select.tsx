import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useProfile } from '../auth/auth-context';
import { UNIT_LEVEL } from '../lib/admin-labels';
import { useDebounced } from '../lib/use-debounced';

type Unit = components['schemas']['UnitDto'];

export interface UnitSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only units of this level (e.g. communes). */
  level?: Unit['level'];
  /** The caller's own unit heads the list (the usual answer for a commune officer). */
  ownUnitFirst?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * A unit of the caller's subtree, found by typing part of its name; diacritics are optional
 * ("bao lam" finds "Xã Bảo Lâm"), the API does the matching. Works as an antd form control, and
 * names a value that is not among the matches (from the URL or an edited record) rather than show its id.
 */
export function UnitSelect({ id, value, onChange, level, ownUnitFirst, placeholder, allowClear, disabled, style, ...rest }: UnitSelectProps) {
  const profile = useProfile();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['units', 'search', { q, level }],
    queryFn: () => unwrap(api.GET('/api/v1/units', { params: { query: { q: q || undefined, level, pageSize: 30 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const ownId = ownUnitFirst ? profile.unitId : undefined;
  const listed = value === ownId || (found.data?.items.some((u) => u.id === value) ?? false);
  const chosen = useQuery({
    queryKey: ['unit', value],
    queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: value! } } })),
    enabled: !!value && !listed,
    staleTime: 300_000,
  });

  const options = useMemo(() => {
    const units: (Pick<Unit, 'id' | 'fullName'> & Partial<Pick<Unit, 'level' | 'validTo'>>)[] = [];
    const add = (u: (typeof units)[number]) => units.some((x) => x.id === u.id) || units.push(u);
    if (ownId) add({ id: ownId, fullName: profile.unitName });
    if (chosen.data) add(chosen.data);
    for (const u of found.data?.items ?? []) add(u);
    return units.map((u) => ({
      value: u.id,
      label: u.fullName,
      hint: [u.level && UNIT_LEVEL[u.level], u.validTo ? 'đã hết hiệu lực' : null].filter(Boolean).join(' · '),
    }));
  }, [found.data, chosen.data, ownId, profile.unitName]);

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
          {o.data.hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.hint}
            </Typography.Text>
          )}
        </div>
      )}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? 'Đang tìm…' : found.isError ? 'Không tải được danh sách đơn vị' : 'Không có đơn vị khớp'}
      placeholder={placeholder ?? 'Gõ tên đơn vị (không cần dấu)'}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%', ...style }}
    />
  );
}
