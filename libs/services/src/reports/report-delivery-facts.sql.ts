import { BILLED_SMS_BUCKETS, COUNTERS, REACHED_BUCKETS } from './report-facts.sql.js';

/**
 * Deliveries as facts. The triggers of migration 1795460000000 write them aggregated per engine
 * statement (report_delivery_count: occurrence, channel, unit reached, bucket → net n and airtime)
 * plus one narrow row per SMS entering or leaving the reached states (report_reach_change). The
 * rebuild derives the same two shapes from the delivery rows as they are now, and both paths key them
 * with the SQL below, so they agree exactly.
 *
 * A count source yields: occurrence_id, channel, unit_id, bucket, n, airtime_ms.
 * A reach source yields: occurrence_id, unit_id, subscriber_id, sign.
 * unit_id NULL means the broadcast's unit (the subscriber, station, board or account row is gone).
 */

/** The unit a delivery `d` reached, as the triggers resolve it (same joins, same order). */
const UNIT_REACHED = `COALESCE(sub.unit_id, st.unit_id, bd.unit_id, ca.unit_id)`;
const UNIT_JOINS = `
      LEFT JOIN subscriber sub ON d.channel = 'sms' AND sub.id = d.subscriber_id
      LEFT JOIN station st ON st.id = (CASE WHEN d.channel = 'loudspeaker' THEN d.endpoint END)::uuid
      LEFT JOIN board bd ON bd.id = (CASE WHEN d.channel = 'board' THEN d.endpoint END)::uuid
      LEFT JOIN channel_account ca ON ca.id = (CASE WHEN d.channel IN ('zalo','facebook') THEN d.endpoint END)::uuid`;

/** How an occurrence's facts are keyed: its due day in the broadcast's zone, the version sent, the broadcast. */
const OCCURRENCE_KEYS = `
      JOIN occurrence o ON o.id = c.occurrence_id
      JOIN broadcast b ON b.id = o.broadcast_id
      JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)`;

/** Keyed delivery counts (COUNTERS, sign = the net number of deliveries) from a count source named `c`. */
export function keyedCounts(source: string): string {
  return `
  SELECT ${COUNTERS} FROM (
    SELECT (o.due_at AT TIME ZONE b.time_zone)::date AS day, COALESCE(c.unit_id, b.unit_id) AS unit_id, v.content_group,
           c.channel, b.priority, 'delivery'::text AS fact, c.bucket, c.n AS sign,
           CASE WHEN c.channel = 'sms' AND c.bucket IN ${BILLED_SMS_BUCKETS} THEN COALESCE(p.parts, 0) ELSE 0 END::bigint * c.n AS sms_parts,
           c.airtime_ms::bigint AS airtime_ms
      FROM ${source} c ${OCCURRENCE_KEYS}
      LEFT JOIN report_sms_parts p ON c.channel = 'sms' AND p.occurrence_id = c.occurrence_id
  ) keyed_counts`;
}

/** Keyed reach changes (day, unit_id, subscriber_id, content_group, sign) from a reach source named `c`. */
export function keyedReach(source: string): string {
  return `(
    SELECT (o.due_at AT TIME ZONE b.time_zone)::date AS day, COALESCE(c.unit_id, b.unit_id) AS unit_id, c.subscriber_id,
           v.content_group, c.sign::int AS sign
      FROM ${source} c ${OCCURRENCE_KEYS}
  ) keyed_reach`;
}

/** Deliveries in a counted state now, grouped as the triggers group them (each delivery +1); `where` narrows `d`. */
export const sourceCounts = (where = 'true') => `(
  SELECT d.occurrence_id, d.channel, ${UNIT_REACHED} AS unit_id, report_delivery_bucket(d.status, d.failure_reason) AS bucket,
         count(*)::int AS n,
         COALESCE(sum(i.duration_ms::bigint) FILTER (WHERE report_delivery_bucket(d.status, d.failure_reason) = 'delivered'), 0)::bigint AS airtime_ms
    FROM delivery d ${UNIT_JOINS}
    LEFT JOIN station_playlist_item i ON d.channel = 'loudspeaker' AND i.delivery_id = d.id
   WHERE report_delivery_bucket(d.status, d.failure_reason) IS NOT NULL AND ${where}
   GROUP BY 1, 2, 3, 4
)`;

/** SMS deliveries that reach their citizen now (each +1); `where` narrows `d`. */
export const sourceReach = (where = 'true') => `(
  SELECT d.occurrence_id, ${UNIT_REACHED} AS unit_id, d.subscriber_id, 1 AS sign
    FROM delivery d ${UNIT_JOINS}
   WHERE d.channel = 'sms' AND d.subscriber_id IS NOT NULL AND report_delivery_bucket(d.status, d.failure_reason) IN ${REACHED_BUCKETS}
     AND ${where}
)`;

/** Every delivery as it is now: what the rebuild starts from. */
export const SOURCE_COUNTS = sourceCounts();
export const SOURCE_REACH = sourceReach();

/**
 * The SMS of the occurrences a settlement pass marked (CTE `marked`, column occurrence_id): they were
 * not counted while they ran (the triggers skip SMS of an occurrence not in report_sms_settled).
 */
export const SETTLED_SMS = `d.channel = 'sms' AND d.occurrence_id IN (SELECT occurrence_id FROM marked)`;
