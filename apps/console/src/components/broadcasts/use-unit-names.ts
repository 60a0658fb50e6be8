import { useQueries } from '@tanstack/react-query';
import { broadcastApi } from './broadcast-api';

/** Full names of chosen units and villages ("Xã Bảo Lâm, Thôn Nà Pồng"), for read-backs; ids still loading are left out. */
export function useUnitNames(ids: string[]): string {
  const answers = useQueries({
    queries: ids.slice(0, 20).map((id) => ({ queryKey: ['units', id], queryFn: () => broadcastApi.unit(id), staleTime: 300_000 })),
  });
  const names = answers.flatMap((a) => (a.data ? [a.data.fullName || a.data.name] : []));
  return ids.length > 20 ? `${names.join(', ')} và ${ids.length - 20} nơi khác` : names.join(', ');
}
