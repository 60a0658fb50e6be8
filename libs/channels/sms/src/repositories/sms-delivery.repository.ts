import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface RecipientFilter {
  targetPaths: string[];
  villageIds: string[];
  tags: string[];
}

const SUBSCRIBER_MATCH = `
  FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id
 WHERE $1::ltree[] @> u.path
   AND s.opted_out_at IS NULL
   AND (cardinality($2::uuid[]) = 0 OR s.village_id = ANY($2::uuid[]))
   AND (cardinality($3::text[]) = 0 OR s.tags && $3::text[])`;

/** The SMS channel's own delivery queries: its recipients, its planning, opt-outs at send time and the daily cap. */
@Injectable()
export class SmsDeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async countSmsRecipients(filter: RecipientFilter): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${SUBSCRIBER_MATCH}`, [
      filter.targetPaths,
      filter.villageIds,
      filter.tags,
    ]);
    return n;
  }

  /** Recipients who already reached the daily SMS cap on that local day ('YYYY-MM-DD'). */
  async countCappedRecipients(filter: RecipientFilter, day: string, cap: number): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n ${SUBSCRIBER_MATCH}
         AND EXISTS (SELECT 1 FROM sms_daily_count c WHERE c.phone = s.phone AND c.day = $4::date AND c.count >= $5)`,
      [filter.targetPaths, filter.villageIds, filter.tags, day, cap],
    );
    return n;
  }

  /**
   * Writes an occurrence's SMS deliveries set-based, numbered into batches: with `limit`, the first
   * part (any `limit` recipients, when none is written yet); without, every recipient not yet written,
   * numbered after those already written. Planning again adds nothing: the first part only starts an
   * occurrence without SMS rows, the rest skips phones already written, and the unique
   * (occurrence, channel, endpoint) key refuses any duplicate. (Phones are unique among subscribers;
   * per-row ON CONFLICT cost ~40% more at 10⁶ rows, see docs/benchmarks.md.) Returns the rows already
   * there and those written now; runs inside a planning transaction.
   */
  async planSms(
    manager: EntityManager,
    p: { occurrenceId: string; dueAt: Date; broadcastId: string; filter: RecipientFilter; notBefore: Date; batchSize: number; limit: number | null },
  ): Promise<{ existing: number; written: number }> {
    if (!manager.queryRunner) throw new Error('planSms runs inside a planning transaction');
    // due_at (the occurrence's) keeps both reads of the occurrence's rows to its month's partition.
    const [{ existing }]: { existing: number }[] = await manager.query(
      `SELECT count(*)::int AS existing FROM delivery WHERE occurrence_id = $1 AND channel = 'sms' AND due_at = $2`,
      [p.occurrenceId, p.dueAt],
    );
    if (p.limit !== null && existing > 0) return { existing, written: 0 };
    const params = [p.filter.targetPaths, p.filter.villageIds, p.filter.tags, p.occurrenceId, p.broadcastId, p.batchSize, p.notBefore, existing, p.dueAt];
    const notWritten =
      existing === 0
        ? ''
        : `AND s.phone NOT IN (SELECT d.endpoint FROM delivery d WHERE d.occurrence_id = $4 AND d.channel = 'sms' AND d.due_at = $9)`;
    // The structured result gives the row count without RETURNING a million rows to count them.
    const result: { affected?: number } = await manager.queryRunner.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
       SELECT $4, $9, $5, 'sms', r.phone, r.id, ($8 + (row_number() OVER ()) - 1) / $6, 'planned', $7
         FROM (SELECT s.phone, s.id ${SUBSCRIBER_MATCH} ${notWritten} ${p.limit === null ? '' : `LIMIT ${Number(p.limit)}`}) r`,
      params,
      true,
    );
    return { existing, written: result.affected ?? 0 };
  }

  /** Numbers that opted out after planning are skipped at send time, never sent to. */
  async skipOptedOut(occurrenceId: string, batchNo: number): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `UPDATE delivery d SET status = 'skipped', failure_reason = 'opted-out', last_error = NULL, final_at = now(), updated_at = now()
         FROM subscriber s
        WHERE d.occurrence_id = $1 AND d.channel = 'sms' AND d.batch_no = $2 AND d.status = 'planned'
          AND s.phone = d.endpoint AND s.opted_out_at IS NOT NULL`,
      [occurrenceId, batchNo],
    );
    return result[1];
  }

  /** Counts one more non-emergency SMS per phone for the day; returns the phones that went over the cap (undone). */
  async countAgainstDailyCap(manager: EntityManager, phones: string[], day: string, cap: number): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const rows: { phone: string }[] = await manager.query(
      `INSERT INTO sms_daily_count AS c (phone, day, count) SELECT p, $2::date, 1 FROM unnest($1::text[]) AS p
       ON CONFLICT (phone, day) DO UPDATE SET count = c.count + 1
       RETURNING phone, count`,
      [phones, day],
    ).then((r: { phone: string; count: number }[]) => r.filter((x) => x.count > cap));
    const over = rows.map((r) => r.phone);
    if (over.length) {
      await manager.query(`UPDATE sms_daily_count SET count = count - 1 WHERE day = $2::date AND phone = ANY($1::text[])`, [over, day]);
    }
    return new Set(over);
  }
}
