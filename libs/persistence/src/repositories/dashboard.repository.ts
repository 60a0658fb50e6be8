import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UnitScope } from '#domain/index.js';

export interface ReturnedMessageRow {
  id: string;
  title: string;
  updatedAt: Date;
}

export interface InboxMessageRow {
  id: string;
  title: string;
  unitName: string;
  submittedAt: Date;
}

export interface RunningBroadcastRow {
  broadcastId: string;
  messageTitle: string;
  total: number;
  done: number;
  failed: number;
}

export interface AlertCounts {
  heldOccurrences: number;
  deferredDeliveries: number;
  exhaustedDeliveries: number;
  stationsOffline: number;
  boardsOffline: number;
  accountsNeedingReconnect: number;
}

export interface MonthCounts {
  messagesApproved: number;
  broadcasts: number;
  occurrencesRun: number;
  smsSent: number;
  smsDelivered: number;
  loudspeakerPlays: number;
  airtimeSeconds: number;
  boardSlides: number;
  socialPosts: number;
}

/** SMS sent in the period per message version and form, so the parts can be counted on the exact text. */
export interface SmsSentByText {
  sms: string | null;
  withoutDiacritics: boolean;
  sent: number;
}

const LATEST_TITLE = `(SELECT v.title FROM message_version v WHERE v.message_id = m.id AND v.version_no = m.current_version)`;
const SCOPED_BROADCAST = `broadcast b JOIN admin_unit u ON u.id = b.unit_id AND u.path <@ $1::ltree`;

/** The figures of an officer's dashboard, each one statement scoped by the caller's subtree. */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  returnedTo(scope: UnitScope, userId: string, limit: number): Promise<ReturnedMessageRow[]> {
    return this.db.query(
      `SELECT m.id, ${LATEST_TITLE} AS title, m.updated_at AS "updatedAt"
         FROM message m JOIN admin_unit u ON u.id = m.unit_id
        WHERE u.path <@ $1::ltree AND m.status = 'returned' AND m.created_by = $2
        ORDER BY m.updated_at DESC, m.id LIMIT $3`,
      [scope.unitPath, userId, limit],
    );
  }

  /** Submitted to the reviewer's unit, less what the reader wrote (as the supervisors' inbox). */
  async inbox(scope: UnitScope, reviewer: { unitId: string; userId: string }, limit: number): Promise<{ items: InboxMessageRow[]; total: number }> {
    const where = `u.path <@ $1::ltree AND m.status = 'submitted' AND m.approval_unit_id = $2
      AND (SELECT v.author_id FROM message_version v WHERE v.message_id = m.id AND v.version_no = m.current_version) <> $3`;
    const params = [scope.unitPath, reviewer.unitId, reviewer.userId];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM message m JOIN admin_unit u ON u.id = m.unit_id WHERE ${where}`, params);
    const items = await this.db.query(
      `SELECT m.id, ${LATEST_TITLE} AS title, u.name AS "unitName", m.submitted_at AS "submittedAt"
         FROM message m JOIN admin_unit u ON u.id = m.unit_id WHERE ${where}
        ORDER BY m.submitted_at, m.id LIMIT $4`,
      [...params, limit],
    );
    return { items, total };
  }

  running(scope: UnitScope, limit: number): Promise<RunningBroadcastRow[]> {
    return this.db.query(
      `SELECT b.id AS "broadcastId", mv.title AS "messageTitle", c.total, c.done, c.failed
         FROM ${SCOPED_BROADCAST}
         JOIN message_version mv ON mv.message_id = b.message_id AND mv.version_no = b.message_version
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE d.status NOT IN ('planned','sending'))::int AS done,
                  count(*) FILTER (WHERE d.status IN ('failed','undelivered'))::int AS failed
             FROM delivery d WHERE d.broadcast_id = b.id) c
        WHERE b.status = 'running'
        ORDER BY b.created_at DESC, b.id LIMIT $2`,
      [scope.unitPath, limit],
    );
  }

  async alerts(scope: UnitScope, offline: { stationSeconds: number; boardSeconds: number }): Promise<AlertCounts> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN occurrence o ON o.broadcast_id = b.id
           WHERE o.status = 'held' AND b.status IN ('scheduled','running')) AS "heldOccurrences",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE b.status = 'running' AND d.channel = 'sms' AND d.status = 'planned' AND d.not_before > now()) AS "deferredDeliveries",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.status = 'failed' AND d.failure_kind = 'exhausted') AS "exhaustedDeliveries",
         (SELECT count(*)::int FROM station s JOIN admin_unit u ON u.id = s.unit_id
           WHERE u.path <@ $1::ltree AND (s.last_seen_at IS NULL OR s.last_seen_at < now() - make_interval(secs => $2))) AS "stationsOffline",
         (SELECT count(*)::int FROM board x JOIN admin_unit u ON u.id = x.unit_id
           WHERE u.path <@ $1::ltree AND (x.last_seen_at IS NULL OR x.last_seen_at < now() - make_interval(secs => $3))) AS "boardsOffline",
         (SELECT count(*)::int FROM channel_account a JOIN admin_unit u ON u.id = a.unit_id
           WHERE u.path <@ $1::ltree AND a.status = 'needs_reconnect') AS "accountsNeedingReconnect"`,
      [scope.unitPath, offline.stationSeconds, offline.boardSeconds],
    );
    return row;
  }

  async month(scope: UnitScope, from: Date, to: Date): Promise<MonthCounts> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM message m JOIN admin_unit u ON u.id = m.unit_id
           WHERE u.path <@ $1::ltree AND m.approved_at >= $2 AND m.approved_at < $3) AS "messagesApproved",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} WHERE b.created_at >= $2 AND b.created_at < $3) AS broadcasts,
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN occurrence o ON o.broadcast_id = b.id
           WHERE o.planned_at >= $2 AND o.planned_at < $3 AND o.status IN ('planned','completed')) AS "occurrencesRun",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.channel = 'sms' AND d.sent_at >= $2 AND d.sent_at < $3) AS "smsSent",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.channel = 'sms' AND d.status = 'delivered' AND d.sent_at >= $2 AND d.sent_at < $3) AS "smsDelivered",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.channel = 'loudspeaker' AND d.status = 'delivered' AND d.final_at >= $2 AND d.final_at < $3) AS "loudspeakerPlays",
         (SELECT COALESCE(round(sum(i.duration_ms) / 1000.0), 0)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
            JOIN station_playlist_item i ON i.delivery_id = d.id
           WHERE d.channel = 'loudspeaker' AND d.status = 'delivered' AND d.final_at >= $2 AND d.final_at < $3) AS "airtimeSeconds",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.channel = 'board' AND d.sent_at >= $2 AND d.sent_at < $3) AS "boardSlides",
         (SELECT count(*)::int FROM ${SCOPED_BROADCAST} JOIN delivery d ON d.broadcast_id = b.id
           WHERE d.channel IN ('zalo','facebook') AND d.status IN ('sent','delivered') AND d.sent_at >= $2 AND d.sent_at < $3) AS "socialPosts"`,
      [scope.unitPath, from, to],
    );
    return row;
  }

  /** SMS sent in [from, to), grouped by the exact text that went (the occurrence's version, with or without diacritics). */
  smsSentByText(scope: UnitScope, from: Date, to: Date): Promise<SmsSentByText[]> {
    return this.db.query(
      `SELECT v.renditions->>'sms' AS sms, b.sms_without_diacritics AS "withoutDiacritics", count(*)::int AS sent
         FROM ${SCOPED_BROADCAST}
         JOIN delivery d ON d.broadcast_id = b.id
         JOIN occurrence o ON o.id = d.occurrence_id
         JOIN message_version v ON v.message_id = b.message_id AND v.version_no = COALESCE(o.message_version, b.message_version)
        WHERE d.channel = 'sms' AND d.sent_at >= $2 AND d.sent_at < $3
        GROUP BY 1, 2`,
      [scope.unitPath, from, to],
    );
  }
}
