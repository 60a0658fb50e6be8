import { Tag } from 'antd';
import type { StatusMap } from '../lib/labels';

/**
 * A code of the API as a coloured tag with its Vietnamese label (lib/labels.ts), in colours that pass
 * WCAG AA. An unknown code shows as itself, uncoloured.
 */
export function StatusTag({ map, code }: { map: StatusMap; code: string }) {
  const s = map[code];
  return <Tag color={s?.color}>{s?.label ?? code}</Tag>;
}
