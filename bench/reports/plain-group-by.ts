import type { DataSource } from 'typeorm';
import { smsBody, smsSegments } from '#domain/index.js';
import { TIME_ZONE } from './year-data.js';

/** Figures keyed by commune id, content group, or '' for the province's totals. */
export type FigureTable = Map<string, Record<string, number>>;

export interface PlainResult {
  byUnit: FigureTable;
  byContentGroup: FigureTable;
  totals: Record<string, number>;
  ms: { byUnit: number; byContentGroup: number; totals: number; total: number };
}

/**
 * The delivery figures straight from the rows: every delivery of the period joined to its occurrence,
 * broadcast, version, the unit it reached and, for loudspeakers, its playlist item (whose play report
 * made it delivered). `%KEY%` is the grouping expression, `%CITIZENS%` the distinct-reach column.
 */
const DELIVERY_FIGURES = `
  SELECT %KEY% AS key,
         count(*) FILTER (WHERE d.status = 'sent')::float8 AS sent,
         count(*) FILTER (WHERE d.status = 'delivered')::float8 AS delivered,
         count(*) FILTER (WHERE d.status = 'undelivered')::float8 AS undelivered,
         count(*) FILTER (WHERE d.status = 'failed')::float8 AS failed,
         count(*) FILTER (WHERE d.status = 'unknown')::float8 AS unknown,
         count(*) FILTER (WHERE d.status = 'cancelled')::float8 AS cancelled,
         count(*) FILTER (WHERE d.status = 'skipped' AND d.failure_reason IS DISTINCT FROM 'opted-out')::float8 AS skipped,
         count(*) FILTER (WHERE d.status = 'skipped' AND d.failure_reason = 'opted-out')::float8 AS "optedOut",
         COALESCE(sum(p.parts) FILTER (WHERE d.channel = 'sms' AND d.status IN ('sent','delivered','undelivered','unknown')), 0)::float8 AS "smsParts",
         count(*) FILTER (WHERE d.channel = 'loudspeaker' AND d.status = 'delivered')::float8 AS "loudspeakerPlays",
         round(COALESCE(sum(i.duration_ms) FILTER (WHERE d.channel = 'loudspeaker' AND d.status = 'delivered'), 0) / 1000.0)::float8 AS "airtimeSeconds",
         count(*) FILTER (WHERE d.channel = 'board' AND d.status = 'delivered')::float8 AS "boardShowings",
         count(*) FILTER (WHERE d.channel IN ('zalo','facebook') AND d.status IN ('sent','delivered'))::float8 AS "socialPosts"
         %CITIZENS%
    FROM delivery d
    JOIN occurrence o ON o.id = d.occurrence_id
    JOIN broadcast b ON b.id = o.broadcast_id
    JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
    LEFT JOIN subscriber sub ON d.channel = 'sms' AND sub.id = d.subscriber_id
    LEFT JOIN station st ON d.channel = 'loudspeaker' AND st.id::text = d.endpoint
    LEFT JOIN board bd ON d.channel = 'board' AND bd.id::text = d.endpoint
    LEFT JOIN channel_account ca ON d.channel IN ('zalo','facebook') AND ca.id::text = d.endpoint
    LEFT JOIN station_playlist_item i ON d.channel = 'loudspeaker' AND i.delivery_id = d.id
    LEFT JOIN unnest($4::text[], $5::int[]) AS p(sms, parts) ON d.channel = 'sms' AND p.sms = v.renditions->>'sms'
    JOIN admin_unit u ON u.id = COALESCE(sub.unit_id, st.unit_id, bd.unit_id, ca.unit_id, b.unit_id)
   WHERE u.path <@ $1::ltree AND (o.due_at AT TIME ZONE b.time_zone)::date BETWEEN $2::date AND $3::date
   GROUP BY 1`;

const CITIZENS = `, count(DISTINCT d.subscriber_id) FILTER (WHERE d.channel = 'sms' AND d.status IN ('sent','delivered'))::float8 AS "citizensReached"`;

/** Occurrences, broadcasts (at their first-due occurrence) and approved messages by content group. */
const RUN_FIGURES = `
  SELECT key, sum(occ)::float8 AS "occurrencesRun", sum(bc)::float8 AS "broadcastsRun", sum(msg)::float8 AS "messagesApproved" FROM (
    SELECT v.content_group AS key, 1 AS occ,
           CASE WHEN NOT EXISTS (SELECT 1 FROM occurrence e WHERE e.broadcast_id = o.broadcast_id AND e.due_at < o.due_at) THEN 1 ELSE 0 END AS bc, 0 AS msg
      FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id JOIN admin_unit u ON u.id = b.unit_id
      JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
     WHERE o.status IN ('planned','completed') AND u.path <@ $1::ltree AND (o.due_at AT TIME ZONE b.time_zone)::date BETWEEN $2::date AND $3::date
    UNION ALL
    SELECT v.content_group, 0, 0, 1
      FROM message m JOIN admin_unit u ON u.id = m.unit_id JOIN message_version v ON v.message_id = m.id AND v.version_no = m.approved_version
     WHERE m.approved_at IS NOT NULL AND u.path <@ $1::ltree
       AND (m.approved_at AT TIME ZONE COALESCE(u.time_zone, '${TIME_ZONE}'))::date BETWEEN $2::date AND $3::date) x
   GROUP BY key`;

function table(rows: Record<string, unknown>[]): FigureTable {
  return new Map(rows.map(({ key, ...figures }) => [String(key ?? ''), Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v)]))]));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/**
 * The baseline: the year's figures of the province by commune, by content group and in total,
 * computed by plain GROUP BY queries over the delivery and play-report rows, no rollup involved.
 * SMS parts are measured in TypeScript per distinct text, as the rollup does.
 */
export async function plainGroupBy(db: DataSource, provincePath: string, from: string, to: string, pricePerPart: number): Promise<PlainResult> {
  const texts: { sms: string }[] = await db.query(`SELECT DISTINCT renditions->>'sms' AS sms FROM message_version WHERE renditions ? 'sms'`);
  const params = [provincePath, from, to, texts.map((t) => t.sms), texts.map((t) => smsSegments(smsBody(t.sms, false)).parts)];
  const byUnit = await timed(async () => table(await db.query(DELIVERY_FIGURES.replace('%KEY%', 'u.id').replace('%CITIZENS%', CITIZENS), params)));
  const byContentGroup = await timed(async () => {
    const deliveries = table(await db.query(DELIVERY_FIGURES.replace('%KEY%', 'v.content_group').replace('%CITIZENS%', ''), params));
    for (const [key, runs] of table(await db.query(RUN_FIGURES, params.slice(0, 3)))) deliveries.set(key, { ...(deliveries.get(key) ?? {}), ...runs });
    return deliveries;
  });
  const totals = await timed(async () => {
    const [deliveries] = [...table(await db.query(DELIVERY_FIGURES.replace('%KEY%', "''").replace('%CITIZENS%', CITIZENS), params)).values()];
    const runs = [...table(await db.query(RUN_FIGURES.replace('SELECT key,', "SELECT ''::text AS key,").replace('GROUP BY key', ''), params.slice(0, 3))).values()];
    return { ...(deliveries ?? {}), ...(runs[0] ?? {}) };
  });
  for (const figures of [...byUnit.value.values(), ...byContentGroup.value.values(), totals.value]) {
    if ('smsParts' in figures) figures.smsCostVnd = figures.smsParts * pricePerPart;
  }
  return {
    byUnit: byUnit.value,
    byContentGroup: byContentGroup.value,
    totals: totals.value,
    ms: { byUnit: byUnit.ms, byContentGroup: byContentGroup.ms, totals: totals.ms, total: byUnit.ms + byContentGroup.ms + totals.ms },
  };
}

/** The figures where the API and the plain GROUP BY differ (plain figures absent from a row count as 0). */
export function differences(label: string, api: FigureTable, plain: FigureTable, keys: string[]): string[] {
  const out: string[] = [];
  for (const key of new Set([...api.keys(), ...plain.keys()])) {
    const a = api.get(key) ?? {};
    const p = plain.get(key) ?? {};
    for (const k of keys) {
      if ((a[k] ?? 0) !== (p[k] ?? 0)) out.push(`${label} ${key || 'total'} ${k}: api ${a[k] ?? 0}, plain ${p[k] ?? 0}`);
    }
  }
  return out;
}
