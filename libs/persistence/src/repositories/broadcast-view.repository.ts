import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeliveryStatus, UnitScope } from '#domain/index.js';
import type { BroadcastViewStatus, StoredBroadcastStatus } from '#domain/delivery/broadcast-view-status.js';
import type { DeliveryFailureReason } from '#domain/delivery/failure-reason.js';
import type { BroadcastSchedule, BroadcastTargets, OccurrenceStatus } from '../entities/index.js';

/** A broadcast as the console lists it, with what its status and note are read from. */
export interface BroadcastSummaryRow {
  id: string;
  unitId: string;
  unitName: string;
  messageId: string;
  messageVersion: number;
  messageTitle: string;
  priority: 'normal' | 'priority' | 'emergency';
  channels: string[];
  storedStatus: StoredBroadcastStatus;
  targets: BroadcastTargets;
  schedule: BroadcastSchedule;
  timeZone: string;
  smsWithoutDiacritics: boolean;
  smsMaxParts: number;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  nextDueAt: Date | null;
  heldDueAt: Date | null;
  heldNote: string | null;
  deferredQuietHours: number;
  deferredDailyCap: number;
  deferredRetrying: number;
  deferredUntil: Date | null;
}

export interface BroadcastListFilter {
  status?: BroadcastViewStatus;
  messageId?: string;
  channel?: string;
  unitId?: string;
  from?: Date;
  to?: Date;
}

/** A delivery as the broadcast's deliveries table shows it. */
export interface DeliveryListRow {
  id: string;
  occurrenceId: string;
  channel: string;
  endpoint: string;
  status: DeliveryStatus;
  attempts: number;
  provider: string | null;
  providerMessageId: string | null;
  providerCode: string | null;
  lastError: string | null;
  failureKind: 'permanent' | 'exhausted' | null;
  failureReason: DeliveryFailureReason | null;
  notBefore: Date;
  sentAt: Date | null;
  updatedAt: Date;
  post: { state: string; postId: string | null; scheduledFor: string | null } | null;
}

export interface DeliveryListFilter {
  status?: DeliveryStatus;
  channel?: string;
  failureKind?: 'permanent' | 'exhausted';
  limit: number;
  offset: number;
}

export type BroadcastSortField = 'createdAt' | 'nextDueAt' | 'status';

export interface CalendarOccurrenceRow {
  occurrenceId: string;
  broadcastId: string;
  dueAt: Date;
  status: OccurrenceStatus;
  priority: 'normal' | 'priority' | 'emergency';
  channels: string[];
  messageTitle: string;
  unitId: string;
  unitName: string;
}

const NEXT_DUE = `(SELECT min(n.due_at) FROM occurrence n WHERE n.broadcast_id = b.id AND n.status = 'pending')`;

/**
 * A list's FROM: the few broadcasts with a held occurrence and the next pending due time are joined
 * as sets (each read once through the open-occurrence indexes), not looked up per broadcast, so
 * filtering and sorting 10,000 broadcasts by status or next due time stays one pass.
 */
const LIST_FROM = `broadcast b JOIN admin_unit u ON u.id = b.unit_id
  LEFT JOIN (SELECT DISTINCT broadcast_id FROM occurrence WHERE status = 'held') hs ON hs.broadcast_id = b.id
  LEFT JOIN (SELECT broadcast_id, min(due_at) AS due_at FROM occurrence WHERE status = 'pending' GROUP BY broadcast_id) nd
         ON nd.broadcast_id = b.id`;
const LIST_VIEW_STATUS = `(CASE WHEN b.status IN ('scheduled','running') AND hs.broadcast_id IS NOT NULL THEN 'held' ELSE b.status END)`;

/** The sort whitelist: API field → SQL expression over LIST_FROM. */
const SORT_SQL: Record<BroadcastSortField, string> = { createdAt: 'b.created_at', nextDueAt: 'nd.due_at', status: LIST_VIEW_STATUS };

const SUMMARY_COLUMNS = `b.id, b.unit_id AS "unitId", u.name AS "unitName", b.message_id AS "messageId",
  b.message_version AS "messageVersion", mv.title AS "messageTitle", b.priority, b.channels, b.status AS "storedStatus",
  b.targets, b.schedule, b.time_zone AS "timeZone", b.sms_without_diacritics AS "smsWithoutDiacritics",
  b.sms_max_parts AS "smsMaxParts", b.created_by AS "createdBy", b.created_at AS "createdAt",
  b.cancelled_at AS "cancelledAt", ${NEXT_DUE} AS "nextDueAt", held.due_at AS "heldDueAt", held.note AS "heldNote",
  COALESCE(def.quiet, 0) AS "deferredQuietHours", COALESCE(def.capped, 0) AS "deferredDailyCap",
  COALESCE(def.retrying, 0) AS "deferredRetrying", def.until AS "deferredUntil"`;

/** The earliest held occurrence, and SMS of a running broadcast waiting past their time (quiet hours, daily cap, retry backoff). */
const SUMMARY_JOINS = `JOIN admin_unit u ON u.id = b.unit_id
  JOIN message_version mv ON mv.message_id = b.message_id AND mv.version_no = b.message_version
  LEFT JOIN LATERAL (SELECT o.due_at, o.note FROM occurrence o WHERE o.broadcast_id = b.id AND o.status = 'held'
                      ORDER BY o.due_at LIMIT 1) held ON true
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE d.last_error = 'daily-cap')::int AS capped,
           count(*) FILTER (WHERE d.attempts = 0 AND d.last_error IS DISTINCT FROM 'daily-cap')::int AS quiet,
           count(*) FILTER (WHERE d.attempts > 0 AND d.last_error IS DISTINCT FROM 'daily-cap')::int AS retrying,
           min(d.not_before) AS until
      FROM delivery d
     WHERE b.status = 'running' AND d.broadcast_id = b.id AND d.channel = 'sms' AND d.status = 'planned' AND d.not_before > now()
  ) def ON true`;

/** Read models of broadcasts and occurrences for officers; every read is scoped by the caller's subtree. */
@Injectable()
export class BroadcastViewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page in two statements (count, page): the page's ids are chosen first, then only those rows
   * get their title, held occurrence and deferred SMS.
   */
  async list(
    scope: UnitScope,
    filter: BroadcastListFilter,
    sort: { field: BroadcastSortField; direction: 'asc' | 'desc' },
    page: { limit: number; offset: number },
  ): Promise<{ items: BroadcastSummaryRow[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = ['u.path <@ $1::ltree'];
    const add = (sql: (n: number) => string, value: unknown) => where.push(sql(params.push(value)));
    if (filter.status) add((n) => `${LIST_VIEW_STATUS} = $${n}`, filter.status);
    if (filter.messageId) add((n) => `b.message_id = $${n}`, filter.messageId);
    if (filter.channel) add((n) => `$${n} = ANY(b.channels)`, filter.channel);
    if (filter.unitId) add((n) => `u.path <@ (SELECT path FROM admin_unit WHERE id = $${n})`, filter.unitId);
    if (filter.from || filter.to) {
      const range = [filter.from ? `r.due_at >= $${params.push(filter.from)}` : 'true', filter.to ? `r.due_at < $${params.push(filter.to)}` : 'true'];
      where.push(`b.id IN (SELECT r.broadcast_id FROM occurrence r WHERE ${range.join(' AND ')})`);
    }
    const conditions = where.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM ${LIST_FROM} WHERE ${conditions}`,
      params,
    );
    if (total === 0) return { items: [], total };
    const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const order = (t = '') => `${t}sort_key ${dir} NULLS LAST, ${t}created_at DESC, ${t}id`;
    const items: BroadcastSummaryRow[] = await this.db.query(
      `WITH page AS (
         SELECT b.id, b.created_at, ${SORT_SQL[sort.field]} AS sort_key
           FROM ${LIST_FROM}
          WHERE ${conditions}
          ORDER BY ${order()} LIMIT $${params.length + 1} OFFSET $${params.length + 2})
       SELECT ${SUMMARY_COLUMNS}
         FROM page JOIN broadcast b ON b.id = page.id ${SUMMARY_JOINS}
        ORDER BY ${order('page.')}`,
      [...params, page.limit, page.offset],
    );
    return { items, total };
  }

  async summary(scope: UnitScope, id: string): Promise<BroadcastSummaryRow | null> {
    const rows: BroadcastSummaryRow[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM broadcast b ${SUMMARY_JOINS} WHERE b.id = $1 AND u.path <@ $2::ltree`,
      [id, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  /** Occurrences due in [from, to) of broadcasts in the subtree, in time order (at most `limit`). */
  occurrences(
    scope: UnitScope,
    filter: { from: Date; to: Date; channel?: string; unitId?: string; statuses?: OccurrenceStatus[]; limit: number },
  ): Promise<CalendarOccurrenceRow[]> {
    const params: unknown[] = [scope.unitPath, filter.from, filter.to];
    const where = ['u.path <@ $1::ltree', 'o.due_at >= $2', 'o.due_at < $3'];
    if (filter.channel) where.push(`$${params.push(filter.channel)} = ANY(b.channels)`);
    if (filter.unitId) where.push(`u.path <@ (SELECT path FROM admin_unit WHERE id = $${params.push(filter.unitId)})`);
    if (filter.statuses) where.push(`o.status = ANY($${params.push(filter.statuses)}::text[])`);
    return this.db.query(
      `SELECT o.id AS "occurrenceId", o.broadcast_id AS "broadcastId", o.due_at AS "dueAt", o.status, b.priority, b.channels,
              mv.title AS "messageTitle", b.unit_id AS "unitId", u.name AS "unitName"
         FROM occurrence o
         JOIN broadcast b ON b.id = o.broadcast_id
         JOIN admin_unit u ON u.id = b.unit_id
         JOIN message_version mv ON mv.message_id = b.message_id AND mv.version_no = COALESCE(o.message_version, b.message_version)
        WHERE ${where.join(' AND ')}
        ORDER BY o.due_at, o.id LIMIT $${params.length + 1}`,
      [...params, filter.limit],
    );
  }

  /** A page of one broadcast's deliveries in id order; none when the broadcast lies outside the caller's subtree. */
  async deliveries(scope: UnitScope, broadcastId: string, filter: DeliveryListFilter): Promise<{ items: DeliveryListRow[]; total: number }> {
    const params: unknown[] = [broadcastId, scope.unitPath];
    const where = [
      'd.broadcast_id = $1',
      'EXISTS (SELECT 1 FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id WHERE b.id = $1 AND u.path <@ $2::ltree)',
    ];
    if (filter.status) where.push(`d.status = $${params.push(filter.status)}`);
    if (filter.channel) where.push(`d.channel = $${params.push(filter.channel)}`);
    if (filter.failureKind) where.push(`d.failure_kind = $${params.push(filter.failureKind)}`);
    const sql = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM delivery d WHERE ${sql}`, params);
    // A social delivery also shows its post: 'scheduled' (Facebook holds it until scheduledFor), 'published' or 'deleted'.
    const items: DeliveryListRow[] = await this.db.query(
      `SELECT d.id::text, d.occurrence_id AS "occurrenceId", d.channel, d.endpoint, d.status, d.attempts, d.provider,
              d.provider_message_id AS "providerMessageId", d.provider_code AS "providerCode", d.last_error AS "lastError",
              d.failure_kind AS "failureKind", d.failure_reason AS "failureReason", d.not_before AS "notBefore", d.sent_at AS "sentAt", d.updated_at AS "updatedAt",
              CASE WHEN p.delivery_id IS NULL THEN NULL
                   ELSE json_build_object('state', p.state, 'postId', p.post_id,
                     'scheduledFor', to_char(p.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS post
         FROM delivery d LEFT JOIN social_post p ON p.delivery_id = d.id
        WHERE ${sql} ORDER BY d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }
}
