/**
 * The one definition of how a fact becomes counters, shared by the incremental rollup (facts = the
 * outbox rows it consumes, each signed) and the rebuild (facts = the source rows as they are now):
 * both run the same SQL, so they agree exactly. Occurrences, broadcasts and messages are keyed here;
 * deliveries (aggregated counts and SMS reach changes) in report-delivery-facts.sql.ts.
 *
 * A settlement source must yield: fact, bucket, sign, occurrence_id, message_id, version_no, fact_at.
 *
 * Keys: a broadcast's facts are dated by the occurrence's due day in the broadcast's time zone (fixed
 * for a delivery's whole life, so its −1 lands on the row its +1 did), attributed to the broadcast's
 * unit (deliveries: to the unit reached), with the content group of the version sent and the
 * broadcast's priority. A message's approval is dated in its unit's time zone (Viet Nam's when unset).
 * Facts whose rows are gone (a deleted broadcast) are dropped, as a rebuild would.
 */

/** SMS states whose parts went to a provider (and are paid for). */
export const BILLED_SMS_BUCKETS = `('sent','delivered','undelivered','unknown')`;
/** States in which a delivery reached its citizen, as far as we know. */
export const REACHED_BUCKETS = `('sent','delivered')`;
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The columns of a keyed fact; `sign` is the signed number of facts (a delivery count's n). */
export const COUNTERS = `
  day, unit_id, content_group, channel, priority, fact, bucket, sign, sms_parts, airtime_ms`;

/** Keyed occurrence, broadcast and message facts (one row per fact) from a settlement source named `f`. */
export function keyedFacts(source: string): string {
  return `
  SELECT ${COUNTERS} FROM (
    SELECT (o.due_at AT TIME ZONE b.time_zone)::date AS day,
           b.unit_id, v.content_group, COALESCE(bc.channel, '') AS channel, b.priority,
           CASE WHEN bc.channel IS NULL THEN f.fact ELSE 'broadcast-channel' END AS fact, f.bucket, f.sign::int AS sign,
           0::bigint AS sms_parts, 0::bigint AS airtime_ms
      FROM ${source} f
      JOIN occurrence o ON o.id = f.occurrence_id
      JOIN broadcast b ON b.id = o.broadcast_id
      JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
      -- a broadcast also counts once on each of its channels (fact 'broadcast-channel')
      CROSS JOIN LATERAL (SELECT NULL::text AS channel
                          UNION ALL SELECT unnest(b.channels) WHERE f.fact = 'broadcast') bc
     WHERE f.fact <> 'message'
    UNION ALL
    SELECT (f.fact_at AT TIME ZONE COALESCE(u.time_zone, '${DEFAULT_TIME_ZONE}'))::date, m.unit_id, v.content_group, '', v.priority,
           f.fact, f.bucket, f.sign::int, 0::bigint, 0::bigint
      FROM ${source} f
      JOIN message m ON m.id = f.message_id
      JOIN admin_unit u ON u.id = m.unit_id
      JOIN message_version v ON v.message_id = m.id AND v.version_no = f.version_no
     WHERE f.fact = 'message'
  ) keyed`;
}

const sumIf = (condition: string) => `COALESCE(sum(sign) FILTER (WHERE ${condition}), 0)`;

export const DAILY_COLUMNS = [
  'messages_approved', 'broadcasts_run', 'occurrences_run', 'sent', 'delivered', 'undelivered', 'failed', 'unknown',
  'cancelled', 'skipped', 'opted_out', 'sms_parts', 'sms_cost_vnd', 'loudspeaker_plays', 'airtime_ms', 'board_showings', 'social_posts',
  'broadcasts_on_channel',
] as const;

/**
 * Adds keyed facts (CTE named `keyed`) into report_daily, or by calendar month into report_monthly (its
 * `day` is the month's 1st); `$price` is the SMS price per part. The GROUP BY makes each key appear once,
 * as ON CONFLICT DO UPDATE requires.
 */
export function addToDaily(keyed: string, price: string, table: 'report_daily' | 'report_monthly' = 'report_daily'): string {
  const delivery = (bucket: string) => sumIf(`fact = 'delivery' AND bucket = '${bucket}'`);
  const source =
    table === 'report_daily'
      ? keyed
      : `(SELECT date_trunc('month', k.day)::date AS day, k.unit_id, k.content_group, k.channel, k.priority, k.fact, k.bucket, k.sign,
                 k.sms_parts, k.airtime_ms FROM ${keyed} k) by_month`;
  return `
  INSERT INTO ${table} (day, unit_id, content_group, channel, priority, ${DAILY_COLUMNS.join(', ')})
  SELECT day, unit_id, content_group, channel, priority,
         ${sumIf(`fact = 'message'`)}, ${sumIf(`fact = 'broadcast'`)}, ${sumIf(`fact = 'occurrence'`)},
         ${delivery('sent')}, ${delivery('delivered')}, ${delivery('undelivered')}, ${delivery('failed')}, ${delivery('unknown')},
         ${delivery('cancelled')}, ${delivery('skipped')}, ${delivery('opted-out')},
         COALESCE(sum(sms_parts), 0), COALESCE(sum(sms_parts), 0) * ${price},
         ${sumIf(`fact = 'delivery' AND channel = 'loudspeaker' AND bucket = 'delivered'`)}, COALESCE(sum(airtime_ms), 0),
         ${sumIf(`fact = 'delivery' AND channel = 'board' AND bucket = 'delivered'`)},
         ${sumIf(`fact = 'delivery' AND channel IN ('zalo','facebook') AND bucket IN ${REACHED_BUCKETS}`)},
         ${sumIf(`fact = 'broadcast-channel'`)}
    FROM ${source}
   GROUP BY day, unit_id, content_group, channel, priority
  ON CONFLICT (day, unit_id, content_group, channel, priority) DO UPDATE SET
  ${DAILY_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(',\n  ')}`;
}

/** report_monthly recounted from report_daily (the rebuild, after report_daily): the incremental path adds to both. */
export const MONTHLY_FROM_DAILY = `
  INSERT INTO report_monthly (day, unit_id, content_group, channel, priority, ${DAILY_COLUMNS.join(', ')})
  SELECT date_trunc('month', day)::date, unit_id, content_group, channel, priority, ${DAILY_COLUMNS.map((c) => `sum(${c})`).join(', ')}
    FROM report_daily GROUP BY 1, 2, 3, 4, 5`;

/** Adds keyed reach changes (keyedReach) into report_reach: SMS that reached a subscriber, net, by content group. */
export function addToReach(keyed: string): string {
  return `
  INSERT INTO report_reach (day, unit_id, subscriber_id, content_group, n)
  SELECT day, unit_id, subscriber_id, content_group, sum(sign)
    FROM ${keyed}
   GROUP BY day, unit_id, subscriber_id, content_group
  ON CONFLICT (unit_id, day, subscriber_id, content_group) DO UPDATE SET n = report_reach.n + excluded.n`;
}

/** Occurrence, broadcast and message facts as the source rows hold them now, each counted once (+1): what the rebuild starts from. */
export const SOURCE_FACTS = `(
  SELECT x.fact, 'run'::text AS bucket, 1 AS sign, o.id AS occurrence_id, NULL::uuid AS message_id, NULL::int AS version_no,
         NULL::timestamptz AS fact_at
    FROM occurrence o CROSS JOIN LATERAL (VALUES ('occurrence'), ('broadcast')) AS x(fact)
   WHERE o.status IN ('planned','completed')
     AND (x.fact = 'occurrence' OR NOT EXISTS (SELECT 1 FROM occurrence e WHERE e.broadcast_id = o.broadcast_id AND e.due_at < o.due_at))
  UNION ALL
  SELECT 'message', 'approved', 1, NULL, m.id, m.approved_version, m.approved_at
    FROM message m WHERE m.approved_at IS NOT NULL
)`;
