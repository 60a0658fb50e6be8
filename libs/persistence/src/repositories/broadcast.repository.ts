import { Injectable } from '@nestjs/common';
import { returning } from '../returning.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import type { BroadcastSchedule, BroadcastStatus, BroadcastTargets, OccurrenceStatus } from '../entities/index.js';

export interface BroadcastRow {
  id: string;
  unitId: string;
  unitPath: string;
  messageId: string;
  messageVersion: number;
  createdBy: string;
  status: BroadcastStatus;
  channels: string[];
  targets: BroadcastTargets;
  schedule: BroadcastSchedule;
  timeZone: string;
  smsWithoutDiacritics: boolean;
  smsMaxParts: number;
  priority: 'normal' | 'priority' | 'emergency';
  cancelledAt: Date | null;
  createdAt: Date;
}

export interface OccurrenceRow {
  id: string;
  broadcastId: string;
  dueAt: Date;
  status: OccurrenceStatus;
  messageVersion: number | null;
  batchCount: number;
  /** Channels whose deliveries are all written; planning resumes with the others. */
  plannedChannels: string[];
}

export type NewBroadcast = Omit<BroadcastRow, 'id' | 'status' | 'cancelledAt' | 'createdAt' | 'unitPath'>;

const BROADCAST_COLUMNS = `b.id, b.unit_id AS "unitId", u.path::text AS "unitPath", b.message_id AS "messageId",
  b.message_version AS "messageVersion", b.created_by AS "createdBy", b.status, b.channels, b.targets, b.schedule,
  b.time_zone AS "timeZone", b.sms_without_diacritics AS "smsWithoutDiacritics", b.sms_max_parts AS "smsMaxParts",
  b.priority, b.cancelled_at AS "cancelledAt", b.created_at AS "createdAt"`;

const OCCURRENCE_COLUMNS = `o.id, o.broadcast_id AS "broadcastId", o.due_at AS "dueAt", o.status,
  o.message_version AS "messageVersion", o.batch_count AS "batchCount", o.planned_channels AS "plannedChannels"`;

/**
 * The outcome of a finished broadcast `b`: failed when nothing was sent and something failed,
 * partially-failed when some deliveries failed or were undelivered, else completed (skipped and
 * cancelled deliveries count as neither; 'unknown' may have been sent, so it is not a failure).
 */
const OUTCOME = `CASE
  WHEN NOT EXISTS (SELECT 1 FROM delivery d WHERE d.broadcast_id = b.id AND d.status IN ('failed','undelivered')) THEN 'completed'
  WHEN EXISTS (SELECT 1 FROM delivery d WHERE d.broadcast_id = b.id AND d.status IN ('sent','delivered','unknown')) THEN 'partially-failed'
  ELSE 'failed' END`;

/** Broadcasts and their occurrences. Reads for callers are scoped; the engine's own reads are by id. */
@Injectable()
export class BroadcastRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, b: NewBroadcast): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule,
                              time_zone, sms_without_diacritics, sms_max_parts, priority)
       VALUES ($1, $2, $3, $4, 'scheduled', $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        b.unitId,
        b.messageId,
        b.messageVersion,
        b.createdBy,
        b.channels,
        JSON.stringify(b.targets),
        JSON.stringify(b.schedule),
        b.timeZone,
        b.smsWithoutDiacritics,
        b.smsMaxParts,
        b.priority,
      ],
    );
    return id;
  }

  /** Inserts the due times that are not there yet; returns the new occurrences. */
  async insertOccurrences(manager: EntityManager, broadcastId: string, dueTimes: Date[]): Promise<OccurrenceRow[]> {
    if (dueTimes.length === 0) return [];
    return manager.query(
      `INSERT INTO occurrence AS o (broadcast_id, due_at, status)
       SELECT $1, t, 'pending' FROM unnest($2::timestamptz[]) AS t
       ON CONFLICT (broadcast_id, due_at) DO NOTHING
       RETURNING ${OCCURRENCE_COLUMNS}`,
      [broadcastId, dueTimes],
    );
  }

  async findInScope(scope: UnitScope, id: string): Promise<BroadcastRow | null> {
    const rows = await this.db.query(
      `SELECT ${BROADCAST_COLUMNS} FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id
        WHERE b.id = $1 AND u.path <@ $2::ltree`,
      [id, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  async findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<BroadcastRow | null> {
    const rows = await manager.query(
      `SELECT ${BROADCAST_COLUMNS} FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id WHERE b.id = $1
       ${lock ? 'FOR UPDATE OF b' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async occurrences(broadcastId: string): Promise<OccurrenceRow[]> {
    return this.db.query(`SELECT ${OCCURRENCE_COLUMNS} FROM occurrence o WHERE o.broadcast_id = $1 ORDER BY o.due_at`, [
      broadcastId,
    ]);
  }

  async findOccurrence(id: string): Promise<OccurrenceRow | null> {
    const rows = await this.db.query(`SELECT ${OCCURRENCE_COLUMNS} FROM occurrence o WHERE o.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async lockOccurrence(manager: EntityManager, id: string): Promise<OccurrenceRow | null> {
    const rows = await manager.query(`SELECT ${OCCURRENCE_COLUMNS} FROM occurrence o WHERE o.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async setOccurrence(
    manager: EntityManager,
    id: string,
    change: { status: OccurrenceStatus; messageVersion?: number; batchCount?: number; note?: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE occurrence SET status = $2, message_version = COALESCE($3, message_version),
              batch_count = COALESCE($4, batch_count), note = $5, updated_at = now(),
              planned_at = CASE WHEN $2 = 'planned' THEN now() ELSE planned_at END,
              completed_at = CASE WHEN $2 IN ('completed','cancelled','skipped') THEN now() ELSE completed_at END
        WHERE id = $1`,
      [id, change.status, change.messageVersion ?? null, change.batchCount ?? null, change.note ?? null],
    );
  }

  /** The planner begins an occurrence: its message version is pinned, for every part and any resumed run. */
  async startOccurrence(manager: EntityManager, id: string, messageVersion: number): Promise<void> {
    await manager.query(
      `UPDATE occurrence SET message_version = $2, note = NULL, started_at = clock_timestamp(), updated_at = now() WHERE id = $1`,
      [id, messageVersion],
    );
  }

  /**
   * Records a part of an occurrence's planning: its batches, and the channel when all its deliveries
   * are written; the occurrence becomes 'planned' with the last of its channels (planned_at: when
   * its last rows were written, not when that transaction began).
   */
  async recordPlannedPart(
    manager: EntityManager,
    id: string,
    part: { channel: string; batches: number; channelDone: boolean; occurrenceDone: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE occurrence SET batch_count = batch_count + $2, updated_at = now(),
              planned_channels = CASE WHEN $3 AND NOT $4 = ANY(planned_channels) THEN planned_channels || $4::text ELSE planned_channels END,
              status = CASE WHEN $5 THEN 'planned' ELSE status END,
              planned_at = CASE WHEN $5 THEN clock_timestamp() ELSE planned_at END
        WHERE id = $1`,
      [id, part.batches, part.channelDone, part.channel, part.occurrenceDone],
    );
  }

  async setStatus(manager: EntityManager, id: string, status: BroadcastStatus, actorId?: string): Promise<void> {
    await manager.query(
      `UPDATE broadcast SET status = $2, updated_at = now(),
              cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END,
              cancelled_by = CASE WHEN $2 = 'cancelled' THEN $3::uuid ELSE cancelled_by END
        WHERE id = $1`,
      [id, status, actorId ?? null],
    );
  }

  /** Pending and held occurrences of a broadcast become cancelled; returns their ids (for job removal). */
  async cancelOpenOccurrences(manager: EntityManager, broadcastId: string): Promise<string[]> {
    const rows: { id: string }[] = await returning(manager,
      `UPDATE occurrence SET status = 'cancelled', completed_at = now(), updated_at = now()
        WHERE broadcast_id = $1 AND status IN ('pending','held') RETURNING id`,
      [broadcastId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * After a cancellation: planned occurrences none of whose deliveries went further than planned
   * (all cancelled now, or skipped) are cancelled too, so they are not counted as run.
   */
  async cancelUnstartedOccurrences(manager: EntityManager, broadcastId: string): Promise<void> {
    await manager.query(
      `UPDATE occurrence o SET status = 'cancelled', completed_at = now(), updated_at = now()
        WHERE o.broadcast_id = $1 AND o.status = 'planned'
          AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = o.id AND d.status NOT IN ('cancelled', 'skipped'))`,
      [broadcastId],
    );
  }

  /** Pending occurrences due before `horizon`, for the reconciler to make sure each has its job. */
  async pendingOccurrencesDueBefore(horizon: Date, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.db.query(
      `SELECT id, due_at AS "dueAt" FROM occurrence WHERE status = 'pending' AND due_at < $1 ORDER BY due_at LIMIT $2`,
      [horizon, limit],
    );
  }

  /** Held occurrences whose message has been approved again: back to pending. */
  async releaseHeldOccurrences(): Promise<{ id: string; dueAt: Date }[]> {
    return returning(this.db,
      `UPDATE occurrence o SET status = 'pending', note = NULL, updated_at = now()
         FROM broadcast b JOIN message m ON m.id = b.message_id
        WHERE o.broadcast_id = b.id AND o.status = 'held' AND b.status IN ('scheduled','running')
          AND m.status = 'approved'
        RETURNING o.id, o.due_at AS "dueAt"`,
    );
  }

  /** Planned occurrences with nothing left to send become completed, then finished broadcasts too. */
  async completeFinished(): Promise<{ occurrences: number; broadcasts: number }> {
    return this.db.transaction(async (m) => {
      const occ: { id: string }[] = await returning(m,
        `UPDATE occurrence o SET status = 'completed', completed_at = now(), updated_at = now()
          WHERE o.status = 'planned'
            AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = o.id AND d.status IN ('planned','sending'))
          RETURNING o.id`,
      );
      const bc: { id: string }[] = await returning(m,
        `UPDATE broadcast b SET status = ${OUTCOME}, updated_at = now()
          WHERE b.status IN ('scheduled','running')
            AND NOT EXISTS (SELECT 1 FROM occurrence o WHERE o.broadcast_id = b.id AND o.status IN ('pending','held','planned'))
            AND b.fully_expanded
          RETURNING b.id`,
      );
      // Receipts keep arriving after the last send ('sent' becomes 'undelivered'): recent outcomes are re-read.
      await m.query(
        `UPDATE broadcast b SET status = ${OUTCOME}, updated_at = now()
          WHERE b.status IN ('completed','partially-failed','failed') AND b.updated_at > now() - interval '7 days'
            AND b.status <> ${OUTCOME}`,
      );
      return { occurrences: occ.length, broadcasts: bc.length };
    });
  }

  /** Live broadcasts whose schedule is not fully expanded yet (recurring, or due past the horizon), with their latest occurrence so far. */
  async notFullyExpanded(): Promise<(BroadcastRow & { lastDueAt: Date | null })[]> {
    return this.db.query(
      `SELECT ${BROADCAST_COLUMNS}, (SELECT max(o.due_at) FROM occurrence o WHERE o.broadcast_id = b.id) AS "lastDueAt"
         FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id
        WHERE b.status IN ('scheduled','running') AND NOT b.fully_expanded`,
    );
  }

  async markFullyExpanded(manager: EntityManager, broadcastId: string): Promise<void> {
    await manager.query(`UPDATE broadcast SET fully_expanded = true, updated_at = now() WHERE id = $1`, [broadcastId]);
  }
}
