import type { DataSource } from 'typeorm';
import { smsBody, smsSegments } from '#domain/index.js';

/**
 * The reports' figures counted straight from the source rows (deliveries, station play reports,
 * occurrences, messages), written apart from the rollup's SQL, for the tests to hold the API against.
 * Every fact is tagged with the path of the unit it counts for, its channel (null for facts of no
 * channel) and its content group, so any breakdown is a filter and a sum over the same list.
 */

export const FIGURE_KEYS = [
  'messagesApproved', 'broadcastsRun', 'occurrencesRun', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'cancelled',
  'skipped', 'optedOut', 'smsParts', 'smsCostVnd', 'loudspeakerPlays', 'airtimeSeconds', 'boardShowings', 'socialPosts',
] as const;

export type Figures = Record<(typeof FIGURE_KEYS)[number], number> & { citizensReached: number | null };

interface Fact {
  path: string;
  channel: string | null;
  contentGroup: string;
  counts: Partial<Record<(typeof FIGURE_KEYS)[number] | 'airtimeMs', number>>;
  /** A broadcast counted again on each channel it used: only breakdowns by channel show it. */
  perChannel?: true;
}

export interface SourceRows {
  facts: Fact[];
  /** (unit path, content group, subscriber) of every SMS sent or delivered: citizens reached, counted distinct. */
  reached: { path: string; contentGroup: string; subscriber: string }[];
}

/** The unit a delivery reached: the subscriber's, station's, board's or channel account's. */
const REACHED_UNIT = `
  LEFT JOIN subscriber s ON d.channel = 'sms' AND s.id = d.subscriber_id
  LEFT JOIN station st ON d.channel = 'loudspeaker' AND st.id::text = d.endpoint
  LEFT JOIN board bd ON d.channel = 'board' AND bd.id::text = d.endpoint
  LEFT JOIN channel_account ca ON d.channel IN ('zalo','facebook') AND ca.id::text = d.endpoint
  JOIN admin_unit u ON u.id = COALESCE(s.unit_id, st.unit_id, bd.unit_id, ca.unit_id)`;

const VERSION_SENT = `JOIN broadcast b ON b.id = d.broadcast_id JOIN message_version v ON v.message_id = b.message_id AND v.version_no = b.message_version`;

export async function readSourceRows(db: DataSource, pricePerPart: number): Promise<SourceRows> {
  const deliveries: (Record<string, number> & { path: string; channel: string; contentGroup: string; sms: string | null })[] = await db.query(
    `SELECT u.path::text AS path, d.channel, v.content_group AS "contentGroup", v.renditions->>'sms' AS sms,
            count(*) FILTER (WHERE d.status = 'sent')::int AS sent,
            count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE d.status = 'undelivered')::int AS undelivered,
            count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE d.status = 'unknown')::int AS unknown,
            count(*) FILTER (WHERE d.status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE d.status = 'skipped' AND d.failure_reason IS DISTINCT FROM 'opted-out')::int AS skipped,
            count(*) FILTER (WHERE d.status = 'skipped' AND d.failure_reason = 'opted-out')::int AS "optedOut",
            count(*) FILTER (WHERE d.channel = 'sms' AND d.status IN ('sent','delivered','undelivered','unknown'))::int AS billed,
            count(*) FILTER (WHERE d.channel = 'board' AND d.status = 'delivered')::int AS "boardShowings",
            count(*) FILTER (WHERE d.channel IN ('zalo','facebook') AND d.status IN ('sent','delivered'))::int AS "socialPosts"
       FROM delivery d ${VERSION_SENT} ${REACHED_UNIT}
      GROUP BY 1, 2, 3, 4`,
  );
  // A play is an item some 'end' report says played to the end, however many times that report came.
  const plays: { path: string; contentGroup: string; plays: number; airtimeMs: string }[] = await db.query(
    `SELECT u.path::text AS path, v.content_group AS "contentGroup", count(*)::int AS plays, sum(i.duration_ms)::text AS "airtimeMs"
       FROM (SELECT DISTINCT delivery_id FROM delivery_receipt WHERE provider = 'station' AND status = 'end') p
       JOIN delivery d ON d.id = p.delivery_id
       JOIN station_playlist_item i ON i.delivery_id = d.id
       ${VERSION_SENT} ${REACHED_UNIT}
      GROUP BY 1, 2`,
  );
  const runs: { path: string; contentGroup: string; occurrencesRun: number; broadcastsRun: number }[] = await db.query(
    `SELECT u.path::text AS path, v.content_group AS "contentGroup",
            count(*)::int AS "occurrencesRun", count(DISTINCT b.id)::int AS "broadcastsRun"
       FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id
       JOIN message_version v ON v.message_id = b.message_id AND v.version_no = b.message_version
       JOIN admin_unit u ON u.id = b.unit_id
      WHERE o.status IN ('planned','completed')
      GROUP BY 1, 2`,
  );
  const runsOnChannel: { path: string; contentGroup: string; channel: string; broadcastsRun: number }[] = await db.query(
    `SELECT u.path::text AS path, v.content_group AS "contentGroup", c.channel, count(DISTINCT b.id)::int AS "broadcastsRun"
       FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id CROSS JOIN LATERAL unnest(b.channels) AS c(channel)
       JOIN message_version v ON v.message_id = b.message_id AND v.version_no = b.message_version
       JOIN admin_unit u ON u.id = b.unit_id
      WHERE o.status IN ('planned','completed')
      GROUP BY 1, 2, 3`,
  );
  const approvals: { path: string; contentGroup: string; messagesApproved: number }[] = await db.query(
    `SELECT u.path::text AS path, v.content_group AS "contentGroup", count(*)::int AS "messagesApproved"
       FROM message m JOIN message_version v ON v.message_id = m.id AND v.version_no = m.approved_version
       JOIN admin_unit u ON u.id = m.unit_id
      WHERE m.approved_at IS NOT NULL
      GROUP BY 1, 2`,
  );
  const reached: { path: string; contentGroup: string; subscriber: string }[] = await db.query(
    `SELECT DISTINCT u.path::text AS path, v.content_group AS "contentGroup", d.subscriber_id AS subscriber
       FROM delivery d ${VERSION_SENT} JOIN subscriber s ON s.id = d.subscriber_id JOIN admin_unit u ON u.id = s.unit_id
      WHERE d.channel = 'sms' AND d.status IN ('sent','delivered')`,
  );

  const facts: Fact[] = [];
  for (const { path, channel, contentGroup, sms, billed, ...counts } of deliveries) {
    const parts = channel === 'sms' && sms ? billed * smsSegments(smsBody(sms, false)).parts : 0;
    facts.push({ path, channel, contentGroup, counts: { ...counts, smsParts: parts, smsCostVnd: parts * pricePerPart } });
  }
  for (const p of plays) {
    facts.push({ path: p.path, channel: 'loudspeaker', contentGroup: p.contentGroup, counts: { loudspeakerPlays: p.plays, airtimeMs: Number(p.airtimeMs) } });
  }
  for (const { path, contentGroup, ...counts } of [...runs, ...approvals]) facts.push({ path, channel: null, contentGroup, counts });
  for (const { path, contentGroup, channel, broadcastsRun } of runsOnChannel) facts.push({ path, channel, contentGroup, counts: { broadcastsRun }, perChannel: true });
  return { facts, reached };
}

export const inSubtree = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/**
 * The sum of the facts that `keep` keeps (a broadcast's per-channel counts only when `perChannel`);
 * citizens reached among the reach rows `reachedIn` keeps (null: not counted).
 */
export function sumFigures(
  rows: SourceRows,
  keep: (f: Fact) => boolean,
  reachedIn: ((r: SourceRows['reached'][number]) => boolean) | null,
  perChannel = false,
): Figures {
  const total = Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Record<string, number>;
  let airtimeMs = 0;
  for (const f of rows.facts.filter((f) => keep(f) && (perChannel || !f.perChannel))) {
    for (const [k, n] of Object.entries(f.counts)) {
      if (k === 'airtimeMs') airtimeMs += n;
      else total[k] += n;
    }
  }
  total.airtimeSeconds = Math.round(airtimeMs / 1000);
  const citizens = reachedIn === null ? null : new Set(rows.reached.filter(reachedIn).map((r) => r.subscriber)).size;
  return { ...(total as Omit<Figures, 'citizensReached'>), citizensReached: citizens };
}

/**
 * The figures the API's breakdown should give, keyed like its rows (null for facts of no channel): by
 * channel a broadcast also counts on each channel it used and only SMS has citizens reached; by
 * content group citizens are counted per group.
 */
export function breakdownOf(rows: SourceRows, root: string, by: 'channel' | 'contentGroup'): Record<string, Figures> {
  const under = rows.facts.filter((f) => inSubtree(f.path, root) && (by === 'channel' || !f.perChannel));
  const keys = [...new Set(under.map((f) => String(f[by])))];
  const reachedIn = (k: string) => {
    if (by === 'channel') return k === 'sms' ? (r: SourceRows['reached'][number]) => inSubtree(r.path, root) : null;
    return (r: SourceRows['reached'][number]) => inSubtree(r.path, root) && r.contentGroup === k;
  };
  return Object.fromEntries(keys.map((k) => [k, sumFigures(rows, (f) => inSubtree(f.path, root) && String(f[by]) === k, reachedIn(k), by === 'channel')]));
}

/** By unit one level down: each child's subtree, and the unit's own row for facts counted on it. */
export function unitBreakdownOf(rows: SourceRows, root: { id: string; path: string }, children: { id: string; path: string }[]): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const c of children) out[c.id] = sumFigures(rows, (f) => inSubtree(f.path, c.path), (r) => inSubtree(r.path, c.path));
  const own = (path: string) => path === root.path;
  if (rows.facts.some((f) => own(f.path))) out[root.id] = sumFigures(rows, (f) => own(f.path), (r) => own(r.path));
  return out;
}
