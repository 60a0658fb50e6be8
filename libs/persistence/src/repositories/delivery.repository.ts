import { Injectable } from '@nestjs/common';
import { returning } from '../returning.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canTransitionDelivery, DELIVERY_STATUSES, isFinalDeliveryStatus, type DeliveryStatus, type Priority } from '#domain/index.js';
import type { DeliveryFailureReason } from '#domain/delivery/failure-reason.js';

export interface ClaimedDelivery {
  id: string;
  endpoint: string;
  attempts: number;
  /**
   * The partition key, with the id the primary key, so settling a chunk is a key lookup per row. Text as
   * Postgres printed it: a Date would drop the microseconds and match no row.
   */
  dueAt: string;
}

export interface DeliveryOutcome {
  id: string;
  /**
   * The delivery's due_at, from its claim. With it a settle finds each row by its whole primary key;
   * by id alone the planner cannot tell one row from many (the key is (id, due_at)) and has used the
   * partial index of 'sending' rows, whose dead entries grow with every claim until a vacuum.
   */
  dueAt: string;
  status: Extract<DeliveryStatus, 'planned' | 'sent' | 'delivered' | 'failed' | 'unknown' | 'skipped'>;
  attemptOutcome: 'sent' | 'retryable' | 'permanent' | 'unknown';
  providerMessageId?: string | null;
  providerCode?: string | null;
  /** The provider's (or transport's) own message, kept for support. */
  error?: string | null;
  failureKind?: 'permanent' | 'exhausted' | null;
  /** Why a failed delivery cannot go, when the adapter said (its PermanentError reason). */
  failureReason?: DeliveryFailureReason | null;
  /** For a retry: not before this instant. */
  notBefore?: Date | null;
  startedAt: Date;
}

/** Deliveries: planned set-based, claimed in small chunks, settled in bulk. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Moves up to `limit` due deliveries of a batch to 'sending' and returns them; other workers skip locked rows. */
  async claim(
    manager: EntityManager,
    p: { occurrenceId: string; channel: string; batchNo: number; limit: number; provider: string },
  ): Promise<ClaimedDelivery[]> {
    return returning(manager,
      `UPDATE delivery d SET status = 'sending', attempts = d.attempts + 1, provider = $5, updated_at = now()
        WHERE (d.id, d.due_at) IN (SELECT id, due_at FROM delivery
                                    WHERE occurrence_id = $1 AND channel = $2 AND batch_no = $3 AND status = 'planned'
                                      AND not_before <= now()
                                    ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING d.id::text, d.endpoint, d.attempts, d.due_at::text AS "dueAt"`,
      [p.occurrenceId, p.channel, p.batchNo, p.limit, p.provider],
    );
  }

  /** Claimed deliveries put back to wait (daily cap reached): not an attempt. */
  async release(manager: EntityManager, claimed: Pick<ClaimedDelivery, 'id' | 'dueAt'>[], notBefore: Date, reason: string): Promise<void> {
    if (claimed.length === 0) return;
    await manager.query(
      `UPDATE delivery d SET status = 'planned', attempts = d.attempts - 1, not_before = $3, last_error = $4, updated_at = now()
         FROM unnest($1::bigint[], $2::timestamptz[]) AS v(id, due_at)
        WHERE d.id = v.id AND d.due_at = v.due_at AND d.status = 'sending'`,
      [claimed.map((d) => d.id), claimed.map((d) => d.dueAt), notBefore, reason],
    );
  }

  /** Settles a chunk in two statements: the deliveries (only those still 'sending') and their attempt rows. */
  async settle(outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const col = <K extends keyof DeliveryOutcome>(k: K) => outcomes.map((o) => o[k] ?? null);
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE delivery d SET status = v.status, provider_message_id = COALESCE(v.pmid, d.provider_message_id),
                provider_code = v.code, last_error = v.err, failure_kind = v.kind, failure_reason = v.reason,
                not_before = COALESCE(v.not_before, d.not_before),
                sent_at = CASE WHEN v.status IN ('sent','delivered') THEN now() ELSE d.sent_at END,
                final_at = CASE WHEN v.status IN ('delivered','failed','skipped') THEN now() ELSE d.final_at END,
                updated_at = now()
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::timestamptz[])
                AS v(id, status, pmid, code, err, kind, not_before, reason, due_at)
          WHERE d.id = v.id AND d.due_at = v.due_at AND d.status = 'sending'`,
        [
          col('id'),
          col('status'),
          col('providerMessageId'),
          col('providerCode'),
          col('error'),
          col('failureKind'),
          col('notBefore'),
          col('failureReason'),
          col('dueAt'),
        ],
      );
      await m.query(
        `INSERT INTO delivery_attempt (delivery_id, attempt_no, started_at, finished_at, outcome, provider_code, error)
         SELECT v.id, d.attempts, v.started, now(), v.outcome, v.code, v.err
           FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS v(id, started, outcome, code, err, due_at)
           JOIN delivery d ON d.id = v.id AND d.due_at = v.due_at`,
        [col('id'), col('startedAt'), col('attemptOutcome'), col('providerCode'), col('error'), col('dueAt')],
      );
    });
  }

  /**
   * Applies a provider status to the delivery with that provider id, only from a state the domain's
   * delivery state machine lets move there (a late 'sent' after 'delivered' changes nothing).
   */
  async applyReceipt(m: EntityManager, providerMessageId: string, status: DeliveryStatus, errorCode: string | null): Promise<void> {
    const from = DELIVERY_STATUSES.filter((s) => canTransitionDelivery(s, status));
    await m.query(
      `UPDATE delivery SET status = $2, provider_code = COALESCE($3, provider_code), updated_at = now(),
              final_at = CASE WHEN $5 THEN now() ELSE final_at END,
              failure_kind = CASE WHEN $2 IN ('failed','undelivered') THEN 'permanent' ELSE failure_kind END
        WHERE provider_message_id = $1 AND status = ANY($4::text[])`,
      [providerMessageId, status, errorCode, from, isFinalDeliveryStatus(status)],
    );
  }

  /**
   * A delivery still 'sending' (a callback racing ahead of the settle) or 'unknown' (its send timed
   * out) learns its provider id from the provider's callback, which carries our delivery id. An id
   * another delivery already holds is never adopted: a mismatched pair would settle two deliveries.
   */
  async adoptProviderMessageId(m: EntityManager, deliveryId: string, providerMessageId: string): Promise<void> {
    if (!/^\d+$/.test(deliveryId)) return;
    await m.query(
      `UPDATE delivery SET provider_message_id = $2, status = CASE WHEN status = 'unknown' THEN 'sent' ELSE status END,
              sent_at = COALESCE(sent_at, now()), updated_at = now()
        WHERE id = $1 AND provider_message_id IS NULL AND status IN ('sending','unknown')
          AND NOT EXISTS (SELECT 1 FROM delivery other WHERE other.provider_message_id = $2)`,
      [deliveryId, providerMessageId],
    );
  }

  /** Keeps a provider callback as received, with the delivery it is about when one has that provider id. */
  async insertReceipt(
    m: EntityManager,
    r: { provider: string; providerMessageId: string; status: string; errorCode: string | null; payload: Record<string, unknown> },
  ): Promise<void> {
    await m.query(
      `INSERT INTO delivery_receipt (provider, provider_message_id, status, error_code, payload, delivery_id)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM delivery WHERE provider_message_id = $2 LIMIT 1))`,
      [r.provider, r.providerMessageId, r.status, r.errorCode, JSON.stringify(r.payload)],
    );
  }

  /** Batches that still have planned deliveries, with the earliest time one of them may go. */
  async openBatches(limit: number): Promise<{ occurrenceId: string; channel: string; batchNo: number; wakeAt: Date; priority: Priority }[]> {
    return this.db.query(
      `SELECT d.occurrence_id AS "occurrenceId", d.channel, d.batch_no AS "batchNo", min(d.not_before) AS "wakeAt",
              b.priority
         FROM delivery d JOIN broadcast b ON b.id = d.broadcast_id
        WHERE d.status = 'planned'
        GROUP BY d.occurrence_id, d.channel, d.batch_no, b.priority
        ORDER BY min(d.not_before) LIMIT $1`,
      [limit],
    );
  }

  async nextWakeOfBatch(occurrenceId: string, channel: string, batchNo: number): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT min(not_before) AS wake FROM delivery
        WHERE occurrence_id = $1 AND channel = $2 AND batch_no = $3 AND status = 'planned'`,
      [occurrenceId, channel, batchNo],
    );
    return row?.wake ?? null;
  }

  /** Deliveries left 'sending' by a crashed worker: their outcome is unknown. */
  async markStuckUnknown(olderThanSeconds: number): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `WITH stuck AS (
         UPDATE delivery SET status = 'unknown', last_error = 'no outcome recorded: the worker stopped while sending',
                updated_at = now()
          WHERE status = 'sending' AND updated_at < now() - make_interval(secs => $1)
          RETURNING id, attempts, updated_at)
       INSERT INTO delivery_attempt (delivery_id, attempt_no, started_at, finished_at, outcome, error)
       SELECT id, attempts, updated_at, now(), 'unknown', 'worker stopped while sending' FROM stuck
       RETURNING delivery_id`,
      [olderThanSeconds],
    );
    return rows.length;
  }

  /** Cancels everything of a broadcast not yet handed to a provider. */
  async cancelPlanned(m: EntityManager, broadcastId: string): Promise<number> {
    const result: [unknown[], number] = await m.query(
      `UPDATE delivery SET status = 'cancelled', failure_reason = 'broadcast-cancelled', final_at = now(), updated_at = now()
        WHERE broadcast_id = $1 AND status = 'planned'`,
      [broadcastId],
    );
    return result[1];
  }

  async progress(broadcastId: string): Promise<{ channel: string; status: DeliveryStatus; count: number }[]> {
    return this.db.query(
      `SELECT channel, status, count(*)::int AS count FROM delivery WHERE broadcast_id = $1 GROUP BY channel, status`,
      [broadcastId],
    );
  }

  /** Exhausted (or chosen) failed deliveries go back to planned, due now; their occurrences reopen. */
  async retryExhausted(
    m: EntityManager,
    broadcastId: string,
    ids: string[] | null,
  ): Promise<{ retried: number; batches: { occurrenceId: string; channel: string; batchNo: number }[] }> {
    const rows: { occurrenceId: string; channel: string; batchNo: number }[] = await returning(m,
      `UPDATE delivery SET status = 'planned', not_before = now(), failure_kind = NULL, failure_reason = NULL, final_at = NULL, updated_at = now()
        WHERE broadcast_id = $1 AND status = 'failed' AND failure_kind = 'exhausted'
          AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
        RETURNING occurrence_id AS "occurrenceId", channel, batch_no AS "batchNo"`,
      [broadcastId, ids],
    );
    const batches = [...new Map(rows.map((r) => [`${r.occurrenceId}/${r.channel}/${r.batchNo}`, r])).values()];
    const occurrenceIds = [...new Set(rows.map((r) => r.occurrenceId))];
    if (occurrenceIds.length) {
      await m.query(
        `UPDATE occurrence SET status = 'planned', completed_at = NULL, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status = 'completed'`,
        [occurrenceIds],
      );
    }
    return { retried: rows.length, batches };
  }
}
