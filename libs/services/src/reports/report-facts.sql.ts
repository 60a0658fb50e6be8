/**
 * The one definition of how a fact becomes counters, shared by the incremental rollup (facts = the
 * settlements it consumes, each ±1) and the rebuild (facts = the source rows as they are now, each
 * +1): both run the same SQL, so they agree exactly.
 *
 * A fact source must yield: fact, bucket, sign, delivery_id, occurrence_id, message_id, version_no,
 * channel, endpoint, subscriber_id, fact_at.
 *
 * Keys: a broadcast's facts are dated by the occurrence's due day in the broadcast's time zone (fixed
 * for a delivery's whole life, so its −1 lands on the row its +1 did), attributed to the unit reached
 * (the subscriber's, station's, board's or account's unit; the broadcast's unit for occurrences),
 * with the content group of the version sent and the broadcast's priority. A message's approval is
 * dated in its unit's time zone (Viet Nam's when unset). Facts whose rows are gone (a deleted
 * broadcast) are dropped, as a rebuild would.
 */

/** SMS states whose parts went to a provider (and are paid for). */
export const BILLED_SMS_BUCKETS = `('sent','delivered','undelivered','unknown')`;
/** States in which a delivery reached its citizen, as far as we know. */
export const REACHED_BUCKETS = `('sent','delivered')`;
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const COUNTERS = `
  day, unit_id, content_group, channel, priority, fact, bucket, sign, subscriber_id, sms_parts, airtime_ms`;

/** Keyed facts (one row per fact) from a source relation named `f`. */
export function keyedFacts(source: string): string {
  return `
  SELECT ${COUNTERS} FROM (
    SELECT (o.due_at AT TIME ZONE b.time_zone)::date AS day,
           CASE WHEN f.fact = 'delivery' THEN COALESCE(sub.unit_id, st.unit_id, bd.unit_id, ca.unit_id, b.unit_id) ELSE b.unit_id END AS unit_id,
           v.content_group, COALESCE(f.channel, '') AS channel, b.priority,
           f.fact, f.bucket, f.sign::int AS sign, f.subscriber_id,
           CASE WHEN f.channel = 'sms' AND f.bucket IN ${BILLED_SMS_BUCKETS} THEN COALESCE(p.parts, 0) ELSE 0 END * f.sign AS sms_parts,
           CASE WHEN f.channel = 'loudspeaker' AND f.bucket = 'delivered' THEN COALESCE(i.duration_ms, 0) ELSE 0 END::bigint * f.sign AS airtime_ms
      FROM ${source} f
      JOIN occurrence o ON o.id = f.occurrence_id
      JOIN broadcast b ON b.id = o.broadcast_id
      JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
      LEFT JOIN subscriber sub ON f.channel = 'sms' AND sub.id = f.subscriber_id
      LEFT JOIN station st ON st.id = (CASE WHEN f.channel = 'loudspeaker' THEN f.endpoint END)::uuid
      LEFT JOIN board bd ON bd.id = (CASE WHEN f.channel = 'board' THEN f.endpoint END)::uuid
      LEFT JOIN channel_account ca ON ca.id = (CASE WHEN f.channel IN ('zalo','facebook') THEN f.endpoint END)::uuid
      LEFT JOIN station_playlist_item i ON f.channel = 'loudspeaker' AND i.delivery_id = f.delivery_id
      LEFT JOIN report_sms_parts p ON f.channel = 'sms' AND p.occurrence_id = f.occurrence_id
     WHERE f.fact <> 'message'
    UNION ALL
    SELECT (f.fact_at AT TIME ZONE COALESCE(u.time_zone, '${DEFAULT_TIME_ZONE}'))::date, m.unit_id, v.content_group, '', v.priority,
           f.fact, f.bucket, f.sign::int, NULL::uuid, 0, 0::bigint
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
] as const;

/**
 * Adds keyed facts (CTE named `keyed`) into report_daily; `$price` is the SMS price per part. The
 * GROUP BY makes each key appear once, as ON CONFLICT DO UPDATE requires.
 */
export function addToDaily(keyed: string, price: string): string {
  const delivery = (bucket: string) => sumIf(`fact = 'delivery' AND bucket = '${bucket}'`);
  return `
  INSERT INTO report_daily (day, unit_id, content_group, channel, priority, ${DAILY_COLUMNS.join(', ')})
  SELECT day, unit_id, content_group, channel, priority,
         ${sumIf(`fact = 'message'`)}, ${sumIf(`fact = 'broadcast'`)}, ${sumIf(`fact = 'occurrence'`)},
         ${delivery('sent')}, ${delivery('delivered')}, ${delivery('undelivered')}, ${delivery('failed')}, ${delivery('unknown')},
         ${delivery('cancelled')}, ${delivery('skipped')}, ${delivery('opted-out')},
         COALESCE(sum(sms_parts), 0), COALESCE(sum(sms_parts), 0) * ${price},
         ${sumIf(`fact = 'delivery' AND channel = 'loudspeaker' AND bucket = 'delivered'`)}, COALESCE(sum(airtime_ms), 0),
         ${sumIf(`fact = 'delivery' AND channel = 'board' AND bucket = 'delivered'`)},
         ${sumIf(`fact = 'delivery' AND channel IN ('zalo','facebook') AND bucket IN ${REACHED_BUCKETS}`)}
    FROM ${keyed}
   GROUP BY day, unit_id, content_group, channel, priority
  ON CONFLICT (day, unit_id, content_group, channel, priority) DO UPDATE SET
  ${DAILY_COLUMNS.map((c) => `${c} = report_daily.${c} + excluded.${c}`).join(',\n  ')}`;
}

/** Adds keyed facts (CTE `keyed`) into report_reach: SMS that reached a subscriber, net. */
export function addToReach(keyed: string): string {
  return `
  INSERT INTO report_reach (day, unit_id, subscriber_id, n)
  SELECT day, unit_id, subscriber_id, sum(sign)
    FROM ${keyed}
   WHERE fact = 'delivery' AND channel = 'sms' AND subscriber_id IS NOT NULL AND bucket IN ${REACHED_BUCKETS}
   GROUP BY day, unit_id, subscriber_id
  ON CONFLICT (unit_id, day, subscriber_id) DO UPDATE SET n = report_reach.n + excluded.n`;
}

/** The facts as the source rows hold them now, each counted once (+1): what the rebuild starts from. */
export const SOURCE_FACTS = `(
  SELECT 'delivery'::text AS fact, report_delivery_bucket(d.status, d.failure_reason) AS bucket, 1 AS sign, d.id AS delivery_id,
         d.occurrence_id, NULL::uuid AS message_id, NULL::int AS version_no, d.channel, d.endpoint, d.subscriber_id, NULL::timestamptz AS fact_at
    FROM delivery d WHERE report_delivery_bucket(d.status, d.failure_reason) IS NOT NULL
  UNION ALL
  SELECT x.fact, 'run', 1, NULL, o.id, NULL, NULL, NULL, NULL, NULL, NULL
    FROM occurrence o CROSS JOIN LATERAL (VALUES ('occurrence'), ('broadcast')) AS x(fact)
   WHERE o.status IN ('planned','completed')
     AND (x.fact = 'occurrence' OR NOT EXISTS (SELECT 1 FROM occurrence e WHERE e.broadcast_id = o.broadcast_id AND e.due_at < o.due_at))
  UNION ALL
  SELECT 'message', 'approved', 1, NULL, NULL, m.id, m.approved_version, NULL, NULL, NULL, m.approved_at
    FROM message m WHERE m.approved_at IS NOT NULL
)`;
