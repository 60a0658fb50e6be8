import type { SorterResult } from 'antd/es/table/interface';

/** The API's `sort` (`field` or `-field`) as antd's sort order of one column. */
export function columnSortOrder(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** antd's sorter back into the API's `sort`; undefined when the sort is cleared (the API's default order). */
export function sortParam<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || !s.columnKey) return undefined;
  return s.order === 'descend' ? `-${String(s.columnKey)}` : String(s.columnKey);
}
