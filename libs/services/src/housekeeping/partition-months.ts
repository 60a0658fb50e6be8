/** A calendar month in UTC, 'YYYY-MM': the unit delivery and delivery_attempt are partitioned by. */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

export function monthOf(at: Date): Month {
  return at.toISOString().slice(0, 7);
}

export function addMonths(month: Month, n: number): Month {
  const [, y, m] = MONTH.exec(month) ?? [];
  if (!y) throw new Error(`not a month: ${month}`);
  const index = Number(y) * 12 + (Number(m) - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** `delivery_p2026_12`: the name the migration and the worker give a month's partition of `table`. */
export function partitionName(table: string, month: Month): string {
  return `${table}_p${month.replace('-', '_')}`;
}

/** The month of a partition named by partitionName, or null for any other table. */
export function monthOfPartition(table: string, name: string): Month | null {
  const match = new RegExp(`^${table}_p(\\d{4})_(\\d{2})$`).exec(name);
  return match ? `${match[1]}-${match[2]}` : null;
}

/**
 * The months a run keeps: from the month before `now` (an occurrence planned just after the turn
 * of a month) to `ahead` months past it, plus the months of occurrences still to be planned; and the
 * first month kept when deliveries are retained for `retention` months besides the current one
 * (null: kept for ever).
 */
export function partitionPlan(now: Date, ahead: number, retention: number, openMonths: Month[]): { create: Month[]; keepFrom: Month | null } {
  const current = monthOf(now);
  const keepFrom = retention > 0 ? addMonths(current, -retention) : null;
  const wanted = new Set(monthRange(addMonths(current, -1), addMonths(current, ahead)));
  for (const month of openMonths) wanted.add(month);
  const create = [...wanted].filter((m) => keepFrom === null || m >= keepFrom).sort();
  return { create, keepFrom };
}
