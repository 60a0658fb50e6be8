import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SocialPlatform } from '../entities/index.js';
import { returning } from '../returning.js';

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

export interface ScheduledPost {
  deliveryId: string;
  accountId: string;
  platform: SocialPlatform;
  postId: string;
}

const DELIVERY = `d.id::text, d.occurrence_id AS "occurrenceId", d.broadcast_id AS "broadcastId", d.channel,
  d.endpoint AS "accountId", d.status, d.attempts, d.not_before AS "notBefore", d.batch_no AS "batchNo"`;

/** Social deliveries (one per account per occurrence) and the posts they left on the platforms. */
@Injectable()
export class SocialDeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One delivery per active account of the platform held by the broadcast's own unit (the message's
   * unit); each is its own batch, so one slow page never holds up another.
   */
  async plan(
    m: EntityManager,
    p: { occurrenceId: string; broadcastId: string; unitId: string; platform: SocialPlatform; notBefore: Date },
  ): Promise<number> {
    const [{ n }] = await m.query(
      `WITH planned AS (
         INSERT INTO delivery (occurrence_id, broadcast_id, channel, endpoint, batch_no, status, not_before)
         SELECT $1, $2, $4, a.id::text, (row_number() OVER (ORDER BY a.id)) - 1, 'planned', $5
           FROM channel_account a
          WHERE a.unit_id = $3 AND a.platform = $4 AND a.status = 'active'
         ON CONFLICT (occurrence_id, channel, endpoint) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM planned`,
      [p.occurrenceId, p.broadcastId, p.unitId, p.platform, p.notBefore],
    );
    return n;
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
  async savePost(
    p: { deliveryId: string; broadcastId: string; accountId: string; platform: SocialPlatform; marker: string; postId: string | null; state: 'scheduled' | 'published'; scheduledFor: Date | null },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO social_post (delivery_id, broadcast_id, account_id, platform, marker, post_id, state, scheduled_for)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (delivery_id) DO UPDATE SET post_id = COALESCE(EXCLUDED.post_id, social_post.post_id), state = EXCLUDED.state,
              scheduled_for = EXCLUDED.scheduled_for, updated_at = now()`,
      [p.deliveryId, p.broadcastId, p.accountId, p.platform, p.marker, p.postId, p.state, p.scheduledFor],
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

  /** Posts still held on a platform's schedule for broadcasts that were cancelled. */
  async scheduledOfCancelled(broadcastId: string | null, limit: number): Promise<ScheduledPost[]> {
    return this.db.query(
      `SELECT p.delivery_id::text AS "deliveryId", p.account_id AS "accountId", p.platform, p.post_id AS "postId"
         FROM social_post p JOIN broadcast b ON b.id = p.broadcast_id
        WHERE p.state = 'scheduled' AND p.post_id IS NOT NULL AND b.status = 'cancelled'
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
        `UPDATE delivery SET status = 'cancelled', last_error = 'scheduled post deleted from the platform', final_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ('sent','unknown')`,
        [deliveryId],
      );
    });
  }

  /** Scheduled posts whose time has come are published on the platform's side. */
  async markDuePublished(): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `UPDATE social_post SET state = 'published', updated_at = now() WHERE state = 'scheduled' AND scheduled_for <= now()`,
    );
    return result[1];
  }
}
