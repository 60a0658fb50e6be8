import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SETTLED_SMS, SOURCE_COUNTS, SOURCE_REACH, keyedCounts, keyedReach, sourceCounts, sourceReach } from './report-delivery-facts.sql.js';
import { BILLED_SMS_BUCKETS, MONTHLY_FROM_DAILY, SOURCE_FACTS, addToDaily, addToReach, keyedFacts } from './report-facts.sql.js';
import { REACH_CITIZENS_FROM_MEMBERS, REACH_MEMBERS_FROM_ROWS, addToReachCascade } from './report-reach.sql.js';

/** An occurrence whose SMS text has not been measured yet. */
export interface UnmeasuredSms {
  occurrenceId: string;
  sms: string | null;
  withoutDiacritics: boolean;
}

/** Rows one consume() took from each outbox; `full` when one of them gave its whole limit (more may wait). */
export interface Consumed {
  rows: number;
  full: boolean;
}

export interface RollupState {
  lastSeq: string;
  consumed: string;
  pending: number;
  rolledAt: Date | null;
  rebuiltAt: Date | null;
}

/** One lock for the rollup and the rebuild: consumers never interleave, a rebuild never meets a chunk. */
const LOCK = `hashtext('tincoso:report-rollup')`;
/**
 * The per-occurrence lock (migration 1795530000000): the delivery triggers take it shared for the SMS
 * occurrences of each engine statement, the settlement exclusively, so an SMS change is either in the
 * settlement's count (committed before it) or recorded by its trigger after the mark (it waited for it).
 */
const OCCURRENCE_LOCK = (id: string) => `pg_try_advisory_xact_lock(1795530, hashtext(${id}::text))`;

/**
 * Occurrences whose SMS are not counted yet and whose fan-out is over: no SMS left planned or sending
 * (ix_delivery_open), or finished, or due more than `$2` ago (a fan-out held for days is counted anyway;
 * its remaining SMS then go through the outboxes).
 */
const READY_TO_SETTLE = `
  SELECT o.id FROM occurrence o JOIN broadcast b ON b.id = o.broadcast_id
   WHERE 'sms' = ANY(b.channels)
     AND NOT EXISTS (SELECT 1 FROM report_sms_settled s WHERE s.occurrence_id = o.id)
     AND (o.status IN ('completed','cancelled','skipped') OR o.due_at < now() - $2::interval
          OR (o.status = 'planned'
              AND EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = o.id AND d.channel = 'sms')
              AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = o.id AND d.channel = 'sms' AND d.status IN ('planned','sending'))))
   ORDER BY o.due_at, o.id
   LIMIT $1`;

const UNMEASURED = `
  SELECT DISTINCT x.occurrence_id AS "occurrenceId", v.renditions->>'sms' AS sms, COALESCE(b.sms_without_diacritics, false) AS "withoutDiacritics"
    FROM %SOURCE% x
    LEFT JOIN occurrence o ON o.id = x.occurrence_id
    LEFT JOIN broadcast b ON b.id = o.broadcast_id
    LEFT JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
   WHERE x.channel = 'sms' AND %BUCKET% IN ${BILLED_SMS_BUCKETS}
     AND NOT EXISTS (SELECT 1 FROM report_sms_parts p WHERE p.occurrence_id = x.occurrence_id)
   LIMIT $1`;

/**
 * The SQL of the reports' rollup. Consuming deletes the outbox rows it counts in the same transaction
 * that adds them to report_daily, so a crash rolls both back and a redelivered job finds nothing to
 * count twice. (A bare "seq > watermark" would skip a settlement whose transaction took its seq
 * before, but committed after, one already consumed.)
 */
@Injectable()
export class ReportRollupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` under the rollup lock, or returns null at once when another process holds it. */
  tryLocked<T>(work: (m: EntityManager) => Promise<T>): Promise<T | null> {
    return this.db.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`);
      return locked ? work(m) : null;
    });
  }

  /** Runs `work` under the rollup lock, waiting for it. */
  locked<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      return work(m);
    });
  }

  /** Occurrences of pending billed SMS counts (or, for a rebuild, of billed SMS deliveries) not measured yet. */
  unmeasured(m: EntityManager, from: 'outbox' | 'deliveries' | string[], limit: number): Promise<UnmeasuredSms[]> {
    if (Array.isArray(from)) {
      const of = `(SELECT id AS occurrence_id, 'sms'::text AS channel FROM unnest($2::uuid[]) id)`;
      return m.query(UNMEASURED.replace('%SOURCE%', of).replace('%BUCKET%', `'sent'`), [limit, from]);
    }
    const sql =
      from === 'outbox'
        ? UNMEASURED.replace('%SOURCE%', 'report_delivery_count').replace('%BUCKET%', 'x.bucket')
        : UNMEASURED.replace('%SOURCE%', 'delivery').replace('%BUCKET%', 'report_delivery_bucket(x.status, x.failure_reason)');
    return m.query(sql, [limit]);
  }

  /** Up to `limit` occurrences ready to have their SMS counted (READY_TO_SETTLE) that no engine transaction is changing now (locked here). */
  async lockReadyToSettle(m: EntityManager, limit: number, heldFor: string): Promise<string[]> {
    const ready: { id: string }[] = await m.query(READY_TO_SETTLE, [limit, heldFor]);
    if (ready.length === 0) return [];
    const locked: { id: string }[] = await m.query(`SELECT id FROM unnest($1::uuid[]) id WHERE ${OCCURRENCE_LOCK('id')}`, [ready.map((r) => r.id)]);
    return locked.map((r) => r.id);
  }

  /**
   * Counts the SMS of occurrences locked by lockReadyToSettle from their delivery rows, as the rebuild
   * does, and marks them settled: from then on their triggers record each change. A separate statement
   * from the lock, so its snapshot holds every change committed before the lock was granted.
   */
  async settle(m: EntityManager, occurrenceIds: string[], pricePerPart: number): Promise<number> {
    if (occurrenceIds.length === 0) return 0;
    const [row] = await m.query(
      `WITH marked AS (
         INSERT INTO report_sms_settled (occurrence_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING occurrence_id),
       keyed AS (${keyedCounts(sourceCounts(SETTLED_SMS))}),
       daily AS (${addToDaily('keyed', '$2::bigint')} RETURNING 1),
       monthly AS (${addToDaily('keyed', '$2::bigint', 'report_monthly')} RETURNING 1),
       ${addToReachCascade(keyedReach(sourceReach(SETTLED_SMS)))}
       SELECT (SELECT count(*) FROM marked)::int AS settled`,
      [occurrenceIds, pricePerPart],
    );
    return row.settled;
  }

  async saveParts(m: EntityManager, parts: { occurrenceId: string; parts: number }[]): Promise<void> {
    if (parts.length === 0) return;
    await m.query(
      `INSERT INTO report_sms_parts (occurrence_id, parts)
       SELECT * FROM unnest($1::uuid[], $2::int[]) ON CONFLICT (occurrence_id) DO NOTHING`,
      [parts.map((p) => p.occurrenceId), parts.map((p) => p.parts)],
    );
  }

  /**
   * Consumes up to `limit` rows of each outbox (settlements, delivery counts, reach changes) in seq
   * order, set-based, in one statement: deletes them, adds them into report_daily and report_reach,
   * and moves the watermark. SMS counts wait until their occurrence's parts are measured (saveParts),
   * so parts are never counted as zero.
   */
  async consume(m: EntityManager, limit: number, pricePerPart: number): Promise<Consumed> {
    const [row] = await m.query(
      `WITH settled AS (
         DELETE FROM report_settlement s
          WHERE s.seq IN (SELECT x.seq FROM report_settlement x ORDER BY x.seq LIMIT $1)
         RETURNING s.*),
       counted AS (
         DELETE FROM report_delivery_count c
          WHERE c.seq IN (SELECT x.seq FROM report_delivery_count x
                           WHERE NOT (x.channel = 'sms' AND x.bucket IN ${BILLED_SMS_BUCKETS})
                              OR EXISTS (SELECT 1 FROM report_sms_parts p WHERE p.occurrence_id = x.occurrence_id)
                           ORDER BY x.seq LIMIT $1)
         RETURNING c.*),
       changed AS (
         DELETE FROM report_reach_change r
          WHERE r.seq IN (SELECT x.seq FROM report_reach_change x ORDER BY x.seq LIMIT $1)
         RETURNING r.*),
       keyed AS (${keyedFacts('settled')} UNION ALL ${keyedCounts('counted')}),
       daily AS (${addToDaily('keyed', '$2::bigint')} RETURNING 1),
       monthly AS (${addToDaily('keyed', '$2::bigint', 'report_monthly')} RETURNING 1),
       ${addToReachCascade(keyedReach('changed'))},
       taken AS (SELECT (SELECT count(*) FROM settled)::int AS settled, (SELECT count(*) FROM counted)::int AS counted,
                        (SELECT count(*) FROM changed)::int AS changed),
       state AS (UPDATE report_rollup_state
                    SET last_seq = GREATEST(last_seq, COALESCE((SELECT max(seq) FROM settled), 0)),
                        consumed = consumed + (SELECT settled + counted + changed FROM taken), rolled_at = now()
                  WHERE id = 1 RETURNING 1)
       SELECT settled, counted, changed FROM taken`,
      [limit, pricePerPart],
    );
    return { rows: row.settled + row.counted + row.changed, full: Math.max(row.settled, row.counted, row.changed) >= limit };
  }

  /**
   * Recomputes everything from the source rows. The exclusive lock on the outboxes waits for every
   * writer that already wrote to them and holds back the next ones until commit, so each change is
   * either in the recount or in an outbox row written after it, never both.
   */
  async rebuild(m: EntityManager, pricePerPart: number): Promise<void> {
    // report_sms_settled first, and exclusively: every engine statement that changed an SMS reads it, so
    // this waits for those transactions, and holds back the next ones until the marks below are in.
    await m.query(`LOCK TABLE report_sms_settled IN ACCESS EXCLUSIVE MODE`);
    await m.query(`LOCK TABLE report_settlement, report_delivery_count, report_reach_change IN EXCLUSIVE MODE`);
    const [{ last }] = await m.query(`SELECT COALESCE(max(seq), 0)::text AS last FROM report_settlement`);
    await m.query(`DELETE FROM report_settlement`);
    await m.query(`DELETE FROM report_delivery_count`);
    await m.query(`DELETE FROM report_reach_change`);
    await m.query(`TRUNCATE report_daily, report_monthly, report_reach, report_reach_member, report_reach_citizens, report_sms_settled`);
    // Every SMS is counted from its row below: each occurrence with SMS is settled from now on.
    await m.query(`INSERT INTO report_sms_settled (occurrence_id) SELECT DISTINCT occurrence_id FROM delivery WHERE channel = 'sms'`);
    await m.query(
      `WITH keyed AS (${keyedFacts(SOURCE_FACTS)} UNION ALL ${keyedCounts(SOURCE_COUNTS)}),
       reach AS (${addToReach(keyedReach(SOURCE_REACH))} RETURNING 1)
       ${addToDaily('keyed', '$1::bigint')}`,
      [pricePerPart],
    );
    await m.query(MONTHLY_FROM_DAILY);
    await m.query(REACH_MEMBERS_FROM_ROWS);
    await m.query(REACH_CITIZENS_FROM_MEMBERS);
    await m.query(`UPDATE report_rollup_state SET last_seq = GREATEST(last_seq, $1::bigint), rebuilt_at = now() WHERE id = 1`, [last]);
  }

  async state(): Promise<RollupState> {
    const [row] = await this.db.query(
      `SELECT last_seq::text AS "lastSeq", consumed::text AS consumed, rolled_at AS "rolledAt", rebuilt_at AS "rebuiltAt",
              (SELECT count(*)::int FROM report_settlement) + (SELECT count(*)::int FROM report_delivery_count)
                + (SELECT count(*)::int FROM report_reach_change) AS pending
         FROM report_rollup_state WHERE id = 1`,
    );
    return row;
  }
}
