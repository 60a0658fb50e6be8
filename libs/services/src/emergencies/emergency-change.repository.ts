import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EmergencyChangeKind } from '#persistence/index.js';

/**
 * The SMS states whose citizen may hold the emergency: handed to the provider (sent, delivered), on the
 * wire at the moment of the change (sending: settled a moment later, almost always sent) or sent with
 * no answer (unknown). A follow-up to a phone whose first SMS in fact failed says "withdrawn" about a
 * warning it never got; a phone left out would keep acting on a withdrawn one.
 */
const MAY_HAVE_REACHED = `('sent','delivered','sending','unknown')`;

export interface EmergencyChangeRow {
  id: string;
  emergencyId: string;
  kind: EmergencyChangeKind;
  messageVersion: number;
  reason: string | null;
  origin: string | null;
  followUpBroadcastId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export type NewEmergencyChange = Omit<EmergencyChangeRow, 'id' | 'createdAt'>;

/** A change whose devices, platforms and queues may not have heard of it. */
export interface UnpropagatedChange {
  id: string;
  kind: EmergencyChangeKind;
  broadcastId: string | null;
}

const COLUMNS = `c.id, c.emergency_id AS "emergencyId", c.kind, c.message_version AS "messageVersion", c.reason, c.origin,
  c.follow_up_broadcast_id AS "followUpBroadcastId", c.created_by AS "createdBy", c.created_at AS "createdAt"`;

/** Updates and cancellations of emergencies, and the rows they change in one transaction. */
@Injectable()
export class EmergencyChangeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, c: NewEmergencyChange): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO emergency_change (emergency_id, kind, message_version, reason, origin, follow_up_broadcast_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [c.emergencyId, c.kind, c.messageVersion, c.reason, c.origin, c.followUpBroadcastId, c.createdBy],
    );
    return id;
  }

  /** Its devices, platforms and queues have heard of it. */
  async markPropagated(changeId: string): Promise<void> {
    await this.db.query(`UPDATE emergency_change SET propagated_at = now() WHERE id = $1 AND propagated_at IS NULL`, [changeId]);
  }

  /** Changes committed more than `olderThanMs` ago whose propagation never finished, oldest first. */
  unpropagated(olderThanMs: number, limit: number): Promise<UnpropagatedChange[]> {
    return this.db.query(
      `SELECT c.id, c.kind, e.broadcast_id AS "broadcastId"
         FROM emergency_change c JOIN emergency e ON e.id = c.emergency_id
        WHERE c.propagated_at IS NULL AND c.created_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY c.created_at LIMIT $2`,
      [olderThanMs, limit],
    );
  }

  /** The changes of an emergency, oldest first (CAP Update/Cancel references follow this order). */
  ofEmergency(emergencyId: string, m: EntityManager = this.db.manager): Promise<EmergencyChangeRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM emergency_change c WHERE c.emergency_id = $1 ORDER BY c.created_at, c.id`, [emergencyId]);
  }

  async markCancelled(m: EntityManager, emergencyId: string): Promise<void> {
    await m.query(`UPDATE emergency SET status = 'cancelled' WHERE id = $1`, [emergencyId]);
  }

  async setMessageVersion(m: EntityManager, emergencyId: string, versionNo: number): Promise<void> {
    await m.query(`UPDATE emergency SET message_version = $2 WHERE id = $1`, [emergencyId, versionNo]);
  }

  /**
   * Occurrences already planned carry the new version from now on: their SMS not yet handed to the
   * provider and their posts not yet published go out with it (both read the occurrence's version
   * when they send). Occurrences still to come take the message's approved version when they run.
   */
  async carryVersion(m: EntityManager, broadcastId: string, versionNo: number): Promise<void> {
    await m.query(`UPDATE occurrence SET message_version = $2, updated_at = now() WHERE broadcast_id = $1 AND status = 'planned'`, [broadcastId, versionNo]);
    await m.query(`UPDATE broadcast SET message_version = $2, updated_at = now() WHERE id = $1`, [broadcastId, versionNo]);
  }

  /** Phones that the broadcast's SMS may have reached (MAY_HAVE_REACHED), any occurrence; counted without sending. */
  async countSmsReached(m: EntityManager, broadcastId: string): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(DISTINCT endpoint)::int AS n FROM delivery WHERE broadcast_id = $1 AND channel = 'sms' AND status IN ${MAY_HAVE_REACHED}`,
      [broadcastId],
    );
    return n;
  }

  /** The follow-up's one occurrence, planned at once (its recipients are not the targets' subscribers but those reached). */
  async insertPlannedOccurrence(m: EntityManager, broadcastId: string, dueAt: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, batch_count, planned_at)
       VALUES ($1, $2, 'planned', 1, 0, now()) RETURNING id`,
      [broadcastId, dueAt],
    );
    await m.query(`UPDATE broadcast SET status = 'running', fully_expanded = true, updated_at = now() WHERE id = $1`, [broadcastId]);
    return id;
  }

  /** One follow-up SMS per phone the original reached (once, however many repetitions reached it), in batches counted on the occurrence. */
  async planFollowUps(m: EntityManager, p: { fromBroadcastId: string; occurrenceId: string; broadcastId: string; notBefore: Date; batchSize: number }): Promise<number> {
    const [{ n }] = await m.query(
      `WITH reached AS (
         SELECT DISTINCT ON (endpoint) endpoint, subscriber_id FROM delivery
          WHERE broadcast_id = $1 AND channel = 'sms' AND status IN ${MAY_HAVE_REACHED}
          ORDER BY endpoint, id),
       planned AS (
         INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, subscriber_id, batch_no, status, not_before)
         SELECT $2, (SELECT due_at FROM occurrence WHERE id = $2), $3, 'sms', endpoint, subscriber_id, ((row_number() OVER (ORDER BY endpoint)) - 1) / $5, 'planned', $4 FROM reached
         ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM planned`,
      [p.fromBroadcastId, p.occurrenceId, p.broadcastId, p.notBefore, p.batchSize],
    );
    await m.query(`UPDATE occurrence SET batch_count = ceil($2::numeric / $3)::int WHERE id = $1`, [p.occurrenceId, n, p.batchSize]);
    return n;
  }
}
