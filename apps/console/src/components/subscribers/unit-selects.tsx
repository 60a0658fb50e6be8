import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { getJson } from '../../lib/api-loose';

interface UnitOption {
  id: string;
  name: string;
  fullName: string;
  level: string;
}

type Props = Omit<SelectProps<string>, 'options' | 'onSearch' | 'showSearch'>;

/**
 * A commune of the caller's subtree, searched on the server (diacritics optional); starts with the
 * caller's own unit, which is the answer for a commune officer.
 */
export function CommuneSelect(props: Props) {
  const profile = useProfile();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['units', 'communes', q],
    queryFn: () => getJson<{ items: UnitOption[] }>('/api/v1/units', { params: { query: { q: q || undefined, level: 'commune', pageSize: 20 } } }),
    staleTime: 300_000,
  });
  const options = [{ value: profile.unitId, label: profile.unitName }];
  for (const u of found.data?.items ?? []) if (u.id !== profile.unitId) options.push({ value: u.id, label: u.fullName });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? 'Đang tìm…' : 'Không tìm thấy đơn vị'}
    />
  );
}

/** The villages (thôn, tổ dân phố) directly under a unit; none when the unit is not a commune. */
export function useVillages(unitId: string | undefined) {
  return useQuery({
    queryKey: ['units', unitId, 'villages'],
    enabled: !!unitId,
    staleTime: 300_000,
    queryFn: async () => {
      const page = await getJson<{ items: UnitOption[] }>(`/api/v1/units/${unitId}/children`, { params: { query: { pageSize: 100 } } });
      return page.items.filter((u) => u.level === 'village');
    },
  });
}

export function VillageSelect({ unitId, ...props }: Props & { unitId: string | undefined }) {
  const villages = useVillages(unitId);
  return (
    <Select
      allowClear
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={villages.isFetching}
      options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.fullName }))}
      notFoundContent={villages.isFetching ? 'Đang tải…' : 'Đơn vị này chưa có thôn, tổ dân phố'}
    />
  );
}
