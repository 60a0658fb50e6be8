import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BILLED_SMS_BUCKETS, SOURCE_FACTS, addToDaily, addToReach, keyedFacts } from './report-facts.sql.js';

/** An occurrence whose SMS text has not been measured yet. */
export interface UnmeasuredSms {
  occurrenceId: string;
  sms: string | null;
  withoutDiacritics: boolean;
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
 * The SQL of the reports' rollup. Consuming deletes the settlements it counts in the same transaction
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

  /** Occurrences of pending billed SMS settlements (or, for a rebuild, of billed SMS deliveries) not measured yet. */
  unmeasured(m: EntityManager, from: 'settlements' | 'deliveries', limit: number): Promise<UnmeasuredSms[]> {
    const sql =
      from === 'settlements'
        ? UNMEASURED.replace('%SOURCE%', 'report_settlement').replace('%BUCKET%', 'x.bucket')
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
   * Consumes up to `limit` settlements in seq order, set-based: deletes them, adds them into
   * report_daily and report_reach, and moves the watermark, in one statement. SMS settlements wait
   * until their occurrence's parts are measured (saveParts), so parts are never counted as zero.
   */
  async consume(m: EntityManager, limit: number, pricePerPart: number): Promise<number> {
    const [row] = await m.query(
      `WITH batch AS (
         DELETE FROM report_settlement s
          WHERE s.seq IN (SELECT x.seq FROM report_settlement x
                           WHERE NOT (x.fact = 'delivery' AND x.channel = 'sms' AND x.bucket IN ${BILLED_SMS_BUCKETS})
                              OR EXISTS (SELECT 1 FROM report_sms_parts p WHERE p.occurrence_id = x.occurrence_id)
                           ORDER BY x.seq LIMIT $1)
         RETURNING s.*),
       keyed AS (${keyedFacts('batch')}),
       daily AS (${addToDaily('keyed', '$2::bigint')} RETURNING 1),
       reach AS (${addToReach('keyed')} RETURNING 1),
       state AS (UPDATE report_rollup_state
                    SET last_seq = GREATEST(last_seq, COALESCE((SELECT max(seq) FROM batch), 0)),
                        consumed = consumed + (SELECT count(*) FROM batch), rolled_at = now()
                  WHERE id = 1 RETURNING 1)
       SELECT count(*)::int AS n FROM batch`,
      [limit, pricePerPart],
    );
    return row.n;
  }

  /**
   * Recomputes everything from the source rows. The exclusive lock on the outbox waits for every
   * writer that already settled and holds back the next ones until commit, so each change is either
   * in the recount or in a settlement written after it, never both.
   */
  async rebuild(m: EntityManager, pricePerPart: number): Promise<void> {
    await m.query(`LOCK TABLE report_settlement IN EXCLUSIVE MODE`);
    const [{ last }] = await m.query(`SELECT COALESCE(max(seq), 0)::text AS last FROM report_settlement`);
    await m.query(`DELETE FROM report_settlement`);
    await m.query(`TRUNCATE report_daily, report_reach`);
    await m.query(
      `WITH keyed AS (${keyedFacts(SOURCE_FACTS)}),
       reach AS (${addToReach('keyed')} RETURNING 1)
       ${addToDaily('keyed', '$1::bigint')}`,
      [pricePerPart],
    );
    await m.query(`UPDATE report_rollup_state SET last_seq = GREATEST(last_seq, $1::bigint), rebuilt_at = now() WHERE id = 1`, [last]);
  }

  async state(): Promise<RollupState> {
    const [row] = await this.db.query(
      `SELECT last_seq::text AS "lastSeq", consumed::text AS consumed, rolled_at AS "rolledAt", rebuilt_at AS "rebuiltAt",
              (SELECT count(*)::int FROM report_settlement) AS pending
         FROM report_rollup_state WHERE id = 1`,
    );
    return row;
  }
}
