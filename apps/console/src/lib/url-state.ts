import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters, page and sort kept in the URL search params, so a reload or a shared link shows the
 * same list. Setting a filter returns to page 1; empty values are dropped from the URL, and an empty
 * parameter read from it (`?actorId=` from an edited link) means "no filter", so it is not sent to the
 * API to be refused by its validation.
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const v = {} as Record<K, string | undefined>;
    for (const k of keys) v[k] = params.get(k) || undefined;
    return v;
  }, [params, keys]);
  const set = useCallback(
    (patch: Partial<Record<K | 'page', string | number | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!('page' in patch)) next.delete('page');
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const page = Math.max(1, Number(params.get('page')) || 1);
  return { values, page, set };
}
