import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SystemPushStatus } from '#persistence/entities/relay.entity.js';
import type { BroadcastRequest } from '#engine/broadcasts/broadcast-request.js';

export interface SystemPushView {
  id: string;
  systemId: string;
  reference: string | null;
  status: SystemPushStatus;
  messageId: string;
  broadcastId: string | null;
  reason: string | null;
  createdAt: Date;
}

/** A push waiting for its audio, with what is needed to write its broadcast as the system. */
export interface PreparingPush {
  id: string;
  systemId: string;
  request: BroadcastRequest;
  createdAt: Date;
  userId: string;
  unitId: string;
  unitPath: string;
}

const VIEW = `p.id, p.system_id AS "systemId", p.reference, p.status, p.message_id AS "messageId", p.broadcast_id AS "broadcastId",
  p.reason, p.created_at AS "createdAt"`;

/** Bulletins pushed by upper-level systems. */
@Injectable()
export class SystemPushRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    m: EntityManager,
    p: { systemId: string; reference: string | null; messageId: string; broadcastId: string | null; status: SystemPushStatus; request: BroadcastRequest; deadlineHours: number | null },
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO system_push (system_id, reference, message_id, broadcast_id, status, request, deadline_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [p.systemId, p.reference, p.messageId, p.broadcastId, p.status, JSON.stringify(p.request), p.deadlineHours],
    );
    return id;
  }

  async find(id: string): Promise<SystemPushView | null> {
    const rows: SystemPushView[] = await this.db.query(`SELECT ${VIEW} FROM system_push p WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByReference(systemId: string, reference: string): Promise<SystemPushView | null> {
    const rows: SystemPushView[] = await this.db.query(`SELECT ${VIEW} FROM system_push p WHERE p.system_id = $1 AND p.reference = $2`, [systemId, reference]);
    return rows[0] ?? null;
  }

  async preparingIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM system_push WHERE status = 'preparing' ORDER BY created_at LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  /** The push with its system's account, locked, while it still waits for its audio and its system is active. */
  async lockPreparing(m: EntityManager, id: string): Promise<PreparingPush | null> {
    const rows: PreparingPush[] = await m.query(
      `SELECT p.id, p.system_id AS "systemId", p.request, p.created_at AS "createdAt", s.user_id AS "userId", s.unit_id AS "unitId", u.path::text AS "unitPath"
         FROM system_push p JOIN upper_system s ON s.id = p.system_id JOIN admin_unit u ON u.id = s.unit_id
        WHERE p.id = $1 AND p.status = 'preparing' AND s.active
        FOR UPDATE OF p`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markScheduled(m: EntityManager, id: string, broadcastId: string): Promise<void> {
    await m.query(`UPDATE system_push SET status = 'scheduled', broadcast_id = $2, updated_at = now() WHERE id = $1`, [id, broadcastId]);
  }

  async markFailed(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE system_push SET status = 'failed', reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }
}
