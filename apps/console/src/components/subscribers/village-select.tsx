import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { api, unwrap } from '../../api/client';

type Props = Omit<SelectProps<string>, 'options' | 'onSearch' | 'showSearch'>;

/** The villages (thôn, tổ dân phố) directly under a unit; none when the unit is not a commune. */
export function useVillages(unitId: string | undefined) {
  return useQuery({
    queryKey: ['units', unitId, 'villages'],
    enabled: !!unitId,
    staleTime: 300_000,
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/units/{id}/children', { params: { path: { id: unitId! }, query: { pageSize: 100 } } }));
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
