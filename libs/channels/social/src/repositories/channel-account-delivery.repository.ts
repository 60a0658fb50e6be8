import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SocialPlatform } from '#persistence/entities/index.js';
import { returning } from '#persistence/returning.js';

export interface SocialDeliveryRow {
  id: string;
  occurrenceId: string;
  broadcastId: string;
  channel: SocialPlatform;
  accountId: string;
  status: string;
  attempts: number;
  notBefore: Date;
  batchNo: number;
}

export interface StaleAheadPost {
  deliveryId: string;
  status: 'planned' | 'sent';
  accountId: string;
  broadcastId: string;
  unitId: string;
  unitPath: string;
  postId: string | null;
  reason: string;
}

export interface ScheduledPost {
  deliveryId: string;
  accountId: string;
  platform: SocialPlatform;
  postId: string;
  state: 'scheduled' | 'published';
}

export interface PostToEdit {
  deliveryId: string;
  accountId: string;
  platform: SocialPlatform;
  postId: string;
  marker: string;
}

const DELIVERY = `d.id::text, d.occurrence_id AS "occurrenceId", d.broadcast_id AS "broadcastId", d.channel,
  d.endpoint AS "accountId", d.status, d.attempts, d.not_before AS "notBefore", d.batch_no AS "batchNo"`;

/** Social deliveries (one per account per occurrence) and the posts they left on the platforms. */
@Injectable()
export class SocialDeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One delivery per active account of the platform held by the broadcast's own unit (the message's
   * unit) that has none yet for the occurrence; each is its own batch, numbered after any the
   * occurrence already has (Facebook deliveries may have been planned ahead), so one slow page never
   * holds up another. Runs with the occurrence row locked. Returns the rows added and the number of
   * batches the occurrence now has on the platform.
   */
  async plan(
    m: EntityManager,
    p: { occurrenceId: string; broadcastId: string; unitId: string; platform: SocialPlatform; notBefore: Date },
  ): Promise<{ deliveries: number; batches: number }> {
    const [row] = await m.query(
      `WITH base AS (
         SELECT COALESCE(max(batch_no) + 1, 0) AS n FROM delivery WHERE occurrence_id = $1 AND channel = $4),
       planned AS (
         INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before)
         SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, $4, a.id::text, base.n + (row_number() OVER (ORDER BY a.id)) - 1, 'planned', $5
           FROM channel_account a CROSS JOIN base
          WHERE a.unit_id = $3 AND a.platform = $4 AND a.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = $1 AND d.channel = $4 AND d.endpoint = a.id::text)
         ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING
         RETURNING batch_no)
       SELECT (SELECT count(*)::int FROM planned) AS deliveries,
              GREATEST((SELECT n FROM base), COALESCE((SELECT max(batch_no) + 1 FROM planned), 0))::int AS batches`,
      [p.occurrenceId, p.broadcastId, p.unitId, p.platform, p.notBefore],
    );
    return row;
  }

  /**
   * Pending occurrences due inside [from, to] whose Facebook posts may be handed over ahead: the
   * broadcast is live and has the channel, the message is approved, and an active page of the unit
   * has no delivery for the occurrence yet.
   */
  async facebookAhead(from: Date, to: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT o.id FROM occurrence o
         JOIN broadcast b ON b.id = o.broadcast_id
         JOIN message m ON m.id = b.message_id
        WHERE o.status = 'pending' AND o.message_version IS NULL AND o.due_at BETWEEN $1 AND $2
          AND b.status IN ('scheduled','running') AND 'facebook' = ANY(b.channels) AND m.status = 'approved'
          AND EXISTS (SELECT 1 FROM channel_account a
                       WHERE a.unit_id = b.unit_id AND a.platform = 'facebook' AND a.status = 'active'
                         AND NOT EXISTS (SELECT 1 FROM delivery d
                                          WHERE d.occurrence_id = o.id AND d.channel = 'facebook' AND d.endpoint = a.id::text))
        ORDER BY o.due_at LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Facebook deliveries planned ahead of an occurrence that has not run, whose content may no longer
   * go: the message is not approved (edited, back in review) or its approved version is not the one
   * the post carries. Planned ones have nothing on the platform; sent ones wait there on Facebook's
   * schedule (still ahead after `until`) and must be deleted first.
   */
  async staleAhead(until: Date, limit: number): Promise<StaleAheadPost[]> {
    return this.db.query(
      `SELECT d.id::text AS "deliveryId", d.status, d.endpoint AS "accountId", d.broadcast_id AS "broadcastId",
              b.unit_id AS "unitId", u.path::text AS "unitPath", p.post_id AS "postId",
              CASE WHEN m.status <> 'approved' THEN 'tin bài có phiên bản mới đang chờ duyệt'
                   ELSE 'tin bài đã được duyệt lại với phiên bản ' || m.approved_version END AS reason
         FROM occurrence o
         JOIN delivery d ON d.occurrence_id = o.id AND d.channel = 'facebook'
         JOIN broadcast b ON b.id = o.broadcast_id
         JOIN admin_unit u ON u.id = b.unit_id
         JOIN message m ON m.id = b.message_id
         LEFT JOIN social_post p ON p.delivery_id = d.id
        WHERE o.status IN ('pending','held') AND o.message_version IS NULL
          AND (m.status <> 'approved' OR (p.delivery_id IS NOT NULL AND p.message_version IS DISTINCT FROM m.approved_version))
          AND (d.status = 'planned'
               OR (d.status = 'sent' AND p.state = 'scheduled' AND p.post_id IS NOT NULL AND p.scheduled_for > $1))
        ORDER BY o.due_at LIMIT $2`,
      [until, limit],
    );
  }

  /**
   * Undoes a delivery planned ahead whose post is not (or no longer) on the platform: the row and its
   * attempts go, so the occurrence plans the page afresh when it runs, and the post record is kept as
   * 'deleted'. Only from the status the caller saw; returns false when the delivery moved on. Runs in
   * the caller's transaction (which records the withdrawal in the audit log).
   */
  async withdrawAhead(m: EntityManager, deliveryId: string, expectedStatus: 'planned' | 'sent'): Promise<boolean> {
    const gone: { id: string }[] = await returning(m,
      `DELETE FROM delivery d USING occurrence o
        WHERE d.id = $1 AND d.status = $2 AND o.id = d.occurrence_id AND o.status IN ('pending','held') AND o.message_version IS NULL
        RETURNING d.id`,
      [deliveryId, expectedStatus],
    );
    if (gone.length === 0) return false;
    await m.query(`DELETE FROM delivery_attempt WHERE delivery_id = $1`, [deliveryId]);
    await m.query(`UPDATE social_post SET state = 'deleted', updated_at = now() WHERE delivery_id = $1`, [deliveryId]);
    return true;
  }

  /** A withdrawal the platform refused is noted on the delivery for the officer; the next pass tries again. */
  async noteWithdrawFailure(deliveryId: string, error: string): Promise<void> {
    await this.db.query(`UPDATE delivery SET last_error = $2, updated_at = now() WHERE id = $1`, [deliveryId, error.slice(0, 500)]);
  }

  /** A batch planned ahead whose publish came too late to be scheduled waits for its occurrence's due time. */
  async deferBatch(occurrenceId: string, channel: SocialPlatform, batchNo: number, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE delivery SET not_before = $4, updated_at = now()
        WHERE occurrence_id = $1 AND channel = $2 AND batch_no = $3 AND status = 'planned'`,
      [occurrenceId, channel, batchNo, until],
    );
  }

  async countAccounts(unitId: string, platform: SocialPlatform): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM channel_account WHERE unit_id = $1 AND platform = $2 AND status = 'active'`,
      [unitId, platform],
    );
    return n;
  }

  async find(id: string): Promise<SocialDeliveryRow | null> {
    const [row] = await this.db.query(`SELECT ${DELIVERY} FROM delivery d WHERE d.id = $1 AND d.channel IN ('zalo','facebook')`, [id]);
    return row ?? null;
  }

  /** Records what a publish left on the platform (or the marker alone, before the request goes). */
  async savePost(p: {
    deliveryId: string;
    broadcastId: string;
    accountId: string;
    platform: SocialPlatform;
    marker: string;
    postId: string | null;
    /** 'requested': the publish is about to go (what came of it is on the delivery). */
    state: 'requested' | 'scheduled' | 'published';
    scheduledFor: Date | null;
    /** The message version the post carries; null keeps the one recorded before the request went. */
    messageVersion: number | null;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO social_post (delivery_id, broadcast_id, account_id, platform, marker, post_id, state, scheduled_for, message_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (delivery_id) DO UPDATE SET post_id = COALESCE(EXCLUDED.post_id, social_post.post_id), state = EXCLUDED.state,
              scheduled_for = EXCLUDED.scheduled_for,
              message_version = COALESCE(EXCLUDED.message_version, social_post.message_version), updated_at = now()`,
      [p.deliveryId, p.broadcastId, p.accountId, p.platform, p.marker, p.postId, p.state, p.scheduledFor, p.messageVersion],
    );
  }

  /**
   * An 'unknown' delivery settled by what the platform showed: found → sent; absent → planned again,
   * due now (or cancelled when its broadcast was).
   */
  async resolveUnknown(
    deliveryId: string,
    found: { postId: string; scheduled: boolean } | null,
    note: string,
    absentStatus: 'planned' | 'cancelled',
  ): Promise<SocialDeliveryRow | null> {
    return this.db.transaction(async (m) => {
      const [row] = await returning<SocialDeliveryRow>(m,
        `UPDATE delivery d SET status = CASE WHEN $2::text IS NULL THEN $4 ELSE 'sent' END,
                final_at = CASE WHEN $2::text IS NULL AND $4 = 'cancelled' THEN now() ELSE d.final_at END,
                failure_reason = CASE WHEN $2::text IS NULL AND $4 = 'cancelled' THEN 'broadcast-cancelled' ELSE d.failure_reason END,
                provider_message_id = COALESCE($2, d.provider_message_id), not_before = now(), last_error = $3,
                sent_at = CASE WHEN $2::text IS NULL THEN d.sent_at ELSE COALESCE(d.sent_at, now()) END, updated_at = now()
          WHERE d.id = $1 AND d.status = 'unknown'
          RETURNING ${DELIVERY}`,
        [deliveryId, found?.postId ?? null, note, absentStatus],
      );
      if (!row) return null;
      await m.query(
        `INSERT INTO delivery_attempt (delivery_id, attempt_no, started_at, finished_at, outcome, error)
         VALUES ($1, $2, now(), now(), $3, $4)`,
        [deliveryId, row.attempts, found ? 'sent' : 'retryable', `verified on the platform: ${note}`],
      );
      if (found) {
        await m.query(
          `UPDATE social_post SET post_id = $2, state = $3, updated_at = now() WHERE delivery_id = $1`,
          [deliveryId, found.postId, found.scheduled ? 'scheduled' : 'published'],
        );
      }
      return row;
    });
  }

  /** Social deliveries whose publish outcome is unknown, oldest first (the verification sweep). */
  async unknown(limit: number): Promise<{ id: string; attempts: number }[]> {
    return this.db.query(
      `SELECT id::text, attempts FROM delivery WHERE status = 'unknown' AND channel IN ('zalo','facebook')
        ORDER BY updated_at LIMIT $1`,
      [limit],
    );
  }

  /**
   * Posts to take down for broadcasts that were cancelled: those still held on a platform's schedule,
   * and, for a cancelled emergency, those already published too.
   */
  async scheduledOfCancelled(broadcastId: string | null, limit: number): Promise<ScheduledPost[]> {
    return this.db.query(
      `SELECT p.delivery_id::text AS "deliveryId", p.account_id AS "accountId", p.platform, p.post_id AS "postId", p.state
         FROM social_post p JOIN broadcast b ON b.id = p.broadcast_id
        WHERE (p.state = 'scheduled' OR (p.state = 'published' AND b.priority = 'emergency'))
          AND p.post_id IS NOT NULL AND b.status = 'cancelled'
          AND ($1::uuid IS NULL OR p.broadcast_id = $1)
        ORDER BY p.delivery_id LIMIT $2`,
      [broadcastId, limit],
    );
  }

  /** The post is gone from the platform before it appeared: the delivery is cancelled, not sent. */
  async markDeleted(deliveryId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE social_post SET state = 'deleted', updated_at = now() WHERE delivery_id = $1`, [deliveryId]);
      await m.query(
        `UPDATE delivery SET status = 'cancelled', failure_reason = 'scheduled-post-deleted', final_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ('sent','unknown')`,
        [deliveryId],
      );
    });
  }

  /** A published post was removed (its emergency cancelled): the delivery stays sent, it did reach the page. */
  async markRemoved(deliveryId: string): Promise<void> {
    await this.db.query(`UPDATE social_post SET state = 'deleted', updated_at = now() WHERE delivery_id = $1`, [deliveryId]);
  }

  /** Published or scheduled posts of the broadcast that carry a version older than `versionNo`. */
  postsBehind(broadcastId: string, versionNo: number): Promise<PostToEdit[]> {
    return this.db.query(
      `SELECT delivery_id::text AS "deliveryId", account_id AS "accountId", platform, post_id AS "postId", marker
         FROM social_post
        WHERE broadcast_id = $1 AND state IN ('published','scheduled') AND post_id IS NOT NULL AND COALESCE(message_version, 0) < $2
        ORDER BY delivery_id`,
      [broadcastId, versionNo],
    );
  }

  /** The post now carries this version (under a new id where the platform reposted it). */
  async markEdited(deliveryId: string, postId: string, versionNo: number): Promise<void> {
    await this.db.query(
      `UPDATE social_post SET post_id = $2, message_version = $3, updated_at = now() WHERE delivery_id = $1`,
      [deliveryId, postId, versionNo],
    );
  }

  /** Scheduled posts whose time has come are published on the platform's side. */
  async markDuePublished(): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `UPDATE social_post SET state = 'published', updated_at = now() WHERE state = 'scheduled' AND scheduled_for <= now()`,
    );
    return result[1];
  }
}
