/**
 * Citizens reached, kept exactly at three grains (migration 1795530000000):
 *
 * - report_reach: (day, unit, subscriber, content group) → n, the net number of SMS that reached the
 *   citizen that day; any period's figure is count(DISTINCT subscriber_id) over the rows with n > 0.
 * - report_reach_member: per year ('Y', by content group and for any group '*') and per month ('M', any
 *   group), per unit and subscriber, the number of live report_reach rows (n > 0) in the period.
 * - report_reach_citizens: per (kind, period, unit, content group or '*'), the members with days > 0:
 *   the distinct citizens of a unit in a year or a month, a few hundred rows a year for a province.
 *
 * The incremental path carries each change down as a transition: a report_reach row that becomes live
 * (n ≤ 0 → n > 0) adds a day to its members, one that dies removes it; a member that gains its first day
 * adds a citizen, one that loses its last removes it. Each upsert records whether its row was live
 * before (live_before, read from the old row in DO UPDATE SET), so a transition is read from the upsert's
 * RETURNING alone: joining RETURNING back to the input, two CTEs with no statistics, became a nested
 * loop over every pair when a 100,000-SMS occurrence was settled. The rebuild counts members and citizens from
 * report_reach directly (REACH_MEMBERS_FROM_ROWS, REACH_CITIZENS_FROM_MEMBERS), so the tests compare two
 * independent computations.
 */

/** The member periods a live report_reach row `r` counts in: its year by its group and by any group, its month by any group. */
const MEMBER_PERIODS = (r: string) => `
    CROSS JOIN LATERAL (VALUES ('Y', date_trunc('year', ${r}.day)::date, ${r}.content_group), ('Y', date_trunc('year', ${r}.day)::date, '*'),
                               ('M', date_trunc('month', ${r}.day)::date, '*')) AS p(kind, period, content_group)`;

/** The sign of a row's move between dead (≤ 0) and live (> 0), given its value after the upsert and whether it was live before. */
const TRANSITION = (after: string, liveBefore: string) =>
  `CASE WHEN ${after} > 0 AND NOT ${liveBefore} THEN 1 WHEN ${after} <= 0 AND ${liveBefore} THEN -1 ELSE 0 END`;

/**
 * CTEs (to follow a WITH … ,) adding keyed reach changes (keyedReach: day, unit_id, subscriber_id,
 * content_group, sign) into report_reach, and their transitions into report_reach_member and
 * report_reach_citizens. Each table is written once, from grouped keys, as ON CONFLICT DO UPDATE requires.
 */
export function addToReachCascade(keyed: string): string {
  return `
  reach_in AS (
    SELECT day, unit_id, subscriber_id, content_group, sum(sign)::int AS delta FROM ${keyed} GROUP BY 1, 2, 3, 4),
  reach_up AS (
    INSERT INTO report_reach (day, unit_id, subscriber_id, content_group, n)
    SELECT day, unit_id, subscriber_id, content_group, delta FROM reach_in
    ON CONFLICT (unit_id, day, subscriber_id, content_group) DO UPDATE SET n = report_reach.n + excluded.n, live_before = report_reach.n > 0
    RETURNING day, unit_id, subscriber_id, content_group, ${TRANSITION('n', 'live_before')} AS sign),
  member_in AS (
    SELECT p.kind, p.period, r.unit_id, p.content_group, r.subscriber_id, sum(r.sign)::int AS delta
      FROM reach_up r ${MEMBER_PERIODS('r')}
     WHERE r.sign <> 0
     GROUP BY 1, 2, 3, 4, 5),
  member_up AS (
    INSERT INTO report_reach_member (kind, period, unit_id, content_group, subscriber_id, days)
    SELECT kind, period, unit_id, content_group, subscriber_id, delta FROM member_in
    ON CONFLICT (kind, period, unit_id, content_group, subscriber_id)
    DO UPDATE SET days = report_reach_member.days + excluded.days, live_before = report_reach_member.days > 0
    RETURNING kind, period, unit_id, content_group, ${TRANSITION('days', 'live_before')} AS sign),
  citizens_up AS (
    INSERT INTO report_reach_citizens (kind, period, unit_id, content_group, citizens)
    SELECT kind, period, unit_id, content_group, sum(sign)::int FROM member_up WHERE sign <> 0 GROUP BY 1, 2, 3, 4
    ON CONFLICT (kind, period, unit_id, content_group) DO UPDATE SET citizens = report_reach_citizens.citizens + excluded.citizens
    RETURNING 1)`;
}

/** Members counted from report_reach as it is (the rebuild, after report_reach is recounted). */
export const REACH_MEMBERS_FROM_ROWS = `
  INSERT INTO report_reach_member (kind, period, unit_id, content_group, subscriber_id, days)
  SELECT p.kind, p.period, r.unit_id, p.content_group, r.subscriber_id, count(*)::int
    FROM report_reach r ${MEMBER_PERIODS('r')}
   WHERE r.n > 0
   GROUP BY 1, 2, 3, 4, 5`;

export const REACH_CITIZENS_FROM_MEMBERS = `
  INSERT INTO report_reach_citizens (kind, period, unit_id, content_group, citizens)
  SELECT kind, period, unit_id, content_group, count(*)::int FROM report_reach_member WHERE days > 0 GROUP BY 1, 2, 3, 4`;
