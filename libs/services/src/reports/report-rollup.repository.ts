import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SOURCE_COUNTS, SOURCE_REACH, keyedCounts, keyedReach } from './report-delivery-facts.sql.js';
import { BILLED_SMS_BUCKETS, SOURCE_FACTS, addToDaily, addToReach, keyedFacts } from './report-facts.sql.js';

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
  unmeasured(m: EntityManager, from: 'outbox' | 'deliveries', limit: number): Promise<UnmeasuredSms[]> {
    const sql =
      from === 'outbox'
        ? UNMEASURED.replace('%SOURCE%', 'report_delivery_count').replace('%BUCKET%', 'x.bucket')
        : UNMEASURED.replace('%SOURCE%', 'delivery').replace('%BUCKET%', 'report_delivery_bucket(x.status, x.failure_reason)');
    return m.query(sql, [limit]);
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
       reach AS (${addToReach(keyedReach('changed'))} RETURNING 1),
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
    await m.query(`LOCK TABLE report_settlement, report_delivery_count, report_reach_change IN EXCLUSIVE MODE`);
    const [{ last }] = await m.query(`SELECT COALESCE(max(seq), 0)::text AS last FROM report_settlement`);
    await m.query(`DELETE FROM report_settlement`);
    await m.query(`DELETE FROM report_delivery_count`);
    await m.query(`DELETE FROM report_reach_change`);
    await m.query(`TRUNCATE report_daily, report_reach`);
    await m.query(
      `WITH keyed AS (${keyedFacts(SOURCE_FACTS)} UNION ALL ${keyedCounts(SOURCE_COUNTS)}),
       reach AS (${addToReach(keyedReach(SOURCE_REACH))} RETURNING 1)
       ${addToDaily('keyed', '$1::bigint')}`,
      [pricePerPart],
    );
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
