import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  foldVietnamese,
  MESSAGE_STATUSES,
  PRIORITIES,
  type ContentGroup,
  type MessageStatus,
  type Priority,
  type UnitScope,
  type UnitSupervisors,
} from '#domain/index.js';
import { containsPattern, vietnameseCollation } from '../vietnamese-search.js';
import {
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  MESSAGE_JOINS,
  rankOf,
  toMessageSummary,
  toMessageView,
  toVersionSummary,
  toVersionView,
  VERSION_CONTENT_COLUMNS,
  VERSION_SORTS,
  VERSION_SUMMARY_COLUMNS,
  type MessageContent,
  type MessageSortField,
  type MessageSummary,
  type MessageView,
  type Paged,
  type VersionSummary,
  type VersionView,
} from './message-rows.js';

export { MESSAGE_SORT_FIELDS } from './message-rows.js';
export type { MessageContent, MessageSortField, MessageSummary, MessageView, Paged, VersionSummary, VersionView } from './message-rows.js';

/** A message row locked for a workflow change, with what the rules need to decide. */
export interface LockedMessage {
  id: string;
  unitId: string;
  unitPath: string;
  status: MessageStatus;
  currentVersion: number;
  approvalUnitId: string | null;
  currentAuthorId: string;
}

/** Every version of messages, with the message's unit for the scope; aliases as in MESSAGE_FROM. */
const VERSIONS_FROM = `
  FROM message_version v
  JOIN message m ON m.id = v.message_id
  JOIN admin_unit au ON au.id = m.unit_id
  LEFT JOIN app_user author ON author.id = v.author_id`;

export interface MessageFilter {
  status?: MessageStatus;
  contentGroup?: ContentGroup;
  priority?: Priority;
  /** The author of the current version. */
  authorId?: string;
  /** The unit or anything below it. */
  unitId?: string;
  /** Part of the title or the body, diacritics ignored. */
  q?: string;
  /** Newest change first when absent. */
  sort?: { field: MessageSortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

/**
 * Messages and their versions. Every read takes the caller's scope and joins the message's unit:
 * a message outside the subtree is not found. Writes take the transaction of the workflow step.
 */
@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  /** Inserts the message as a draft with its version 1; returns its id. */
  async insert(input: { unitId: string; authorId: string; content: MessageContent }, tx: EntityManager): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO message (unit_id, created_by, status, current_version, row_version) VALUES ($1, $2, 'draft', 1, 1) RETURNING id`,
      [input.unitId, input.authorId],
    );
    await this.insertVersion(id, 1, input.authorId, input.content, tx);
    return id;
  }

  async insertVersion(messageId: string, versionNo: number, authorId: string, content: MessageContent, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, reform_areas, indices,
                                    audiences, priority, renditions, attachment_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10, $11::jsonb, $12::uuid[])`,
      [
        messageId,
        versionNo,
        authorId,
        content.title,
        content.body,
        content.contentGroup,
        content.reformAreas,
        content.indices,
        content.audiences,
        content.priority,
        JSON.stringify(content.renditions),
        content.attachmentIds,
      ],
    );
  }

  /**
   * Locks the message row for the rest of the transaction. The current version's author is read after
   * the lock, so a concurrent edit that committed first is seen.
   */
  async lockInScope(scope: UnitScope, messageId: string, tx: EntityManager): Promise<LockedMessage | null> {
    const rows: { id: string; unit_id: string; unit_path: string; status: MessageStatus; current_version: number; approval_unit_id: string | null }[] =
      await tx.query(
        `SELECT m.id, m.unit_id, au.path::text AS unit_path, m.status, m.current_version, m.approval_unit_id
           FROM message m JOIN admin_unit au ON au.id = m.unit_id
          WHERE m.id = $1 AND au.path <@ $2::ltree
            FOR UPDATE OF m`,
        [messageId, scope.unitPath],
      );
    const row = rows[0];
    if (!row) return null;
    const [{ author_id }]: { author_id: string }[] = await tx.query(
      `SELECT author_id FROM message_version WHERE message_id = $1 AND version_no = $2`,
      [row.id, row.current_version],
    );
    return {
      id: row.id,
      unitId: row.unit_id,
      unitPath: row.unit_path,
      status: row.status,
      currentVersion: row.current_version,
      approvalUnitId: row.approval_unit_id,
      currentAuthorId: author_id,
    };
  }

  /** A new version makes the message a draft; the last approval (version, time, approver) stays on record. */
  async markEdited(messageId: string, versionNo: number, tx: EntityManager): Promise<void> {
    await this.update(messageId, `status = 'draft', current_version = $2, approval_unit_id = NULL`, [versionNo], tx);
  }

  async markSubmitted(messageId: string, approvalUnitId: string, tx: EntityManager): Promise<void> {
    await this.update(messageId, `status = 'submitted', approval_unit_id = $2, submitted_at = now()`, [approvalUnitId], tx);
  }

  /** Whether the message is an emergency waiting for a second supervisor (confirmed on its own path, not reviewed). */
  async awaitsEmergencyConfirmation(messageId: string, tx: EntityManager): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM emergency WHERE message_id = $1 AND status = 'awaiting-second-supervisor'`, [messageId]);
    return rows.length > 0;
  }

  async markApproved(messageId: string, approverId: string, versionNo: number, tx: EntityManager): Promise<void> {
    await this.update(
      messageId,
      `status = 'approved', approved_version = $2, approved_by = $3, approved_at = now()`,
      [versionNo, approverId],
      tx,
    );
  }

  async markReturned(messageId: string, tx: EntityManager): Promise<void> {
    await this.update(messageId, `status = 'returned'`, [], tx);
  }

  /**
   * The message unit and its ancestors, nearest first, each with its active supervisors: the input of
   * approvalUnitFor. Any depth; units without a supervisor are listed with none.
   */
  async approvalChain(unitPath: string, tx: EntityManager): Promise<UnitSupervisors[]> {
    const rows: { id: string; supervisor_ids: string[] }[] = await tx.query(
      `SELECT au.id,
              COALESCE(array_agg(u.id::text ORDER BY u.id) FILTER (WHERE u.id IS NOT NULL), '{}')::text[] AS supervisor_ids
         FROM admin_unit au
         LEFT JOIN app_user u ON u.unit_id = au.id AND u.role = 'supervisor' AND u.disabled_at IS NULL
        WHERE au.path @> $1::ltree
        GROUP BY au.id, au.depth
        ORDER BY au.depth DESC`,
      [unitPath],
    );
    return rows.map((r) => ({ unitId: r.id, supervisorIds: r.supervisor_ids }));
  }

  async findInScope(scope: UnitScope, messageId: string, manager: EntityManager = this.db.manager): Promise<MessageView | null> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${MESSAGE_COLUMNS}, ${VERSION_CONTENT_COLUMNS} ${MESSAGE_FROM} WHERE m.id = $1 AND au.path <@ $2::ltree`,
      [messageId, scope.unitPath],
    );
    return rows[0] ? toMessageView(rows[0]) : null;
  }

  async list(scope: UnitScope, filter: MessageFilter): Promise<Paged<MessageSummary>> {
    const where = ['au.path <@ $1::ltree'];
    const params: unknown[] = [scope.unitPath];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.status) add((n) => `m.status = $${n}`, filter.status);
    if (filter.contentGroup) add((n) => `v.content_group = $${n}`, filter.contentGroup);
    if (filter.priority) add((n) => `v.priority = $${n}`, filter.priority);
    if (filter.authorId) add((n) => `v.author_id = $${n}`, filter.authorId);
    if (filter.unitId) add((n) => `au.path <@ (SELECT path FROM admin_unit WHERE id = $${n})`, filter.unitId);
    // The index finds the matching versions first; the planner, misjudging how many messages a unit holds, would
    // otherwise test every message of the subtree row by row.
    if (filter.q) {
      add((n) => `v.id = ANY (ARRAY(SELECT id FROM message_version WHERE search_text LIKE $${n}))`, containsPattern(foldVietnamese(filter.q)));
    }
    const sort = filter.sort ?? { field: 'updatedAt', direction: 'desc' };
    const readsVersion = Boolean(filter.contentGroup || filter.priority || filter.authorId || filter.q) || VERSION_SORTS.includes(sort.field);
    return this.page(where.join(' AND '), params, await this.orderBy(sort), filter, readsVersion);
  }

  private async orderBy(sort: NonNullable<MessageFilter['sort']>): Promise<string> {
    const keys: Record<MessageSortField, () => Promise<string> | string> = {
      updatedAt: () => 'm.updated_at',
      createdAt: () => 'm.created_at',
      title: async () => `v.title COLLATE ${await vietnameseCollation(this.db)}`,
      status: () => rankOf('m.status', MESSAGE_STATUSES),
      priority: () => rankOf('v.priority', PRIORITIES),
    };
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    return `${await keys[sort.field]()} ${direction}, m.updated_at DESC, m.id`;
  }

  /** What waits for the supervisors of a unit: submitted to it, less the versions the reader wrote (they may not approve those). */
  async inbox(scope: UnitScope, reviewer: { unitId: string; userId: string }, page: { limit: number; offset: number }): Promise<Paged<MessageSummary>> {
    return this.page(
      `au.path <@ $1::ltree AND m.status = 'submitted' AND m.approval_unit_id = $2 AND v.author_id <> $3`,
      [scope.unitPath, reviewer.unitId, reviewer.userId],
      'm.submitted_at, m.id',
      page,
      true,
    );
  }

  /** The history, newest first, or null when the message is not in scope (a message always has version 1). */
  async versions(scope: UnitScope, messageId: string): Promise<VersionSummary[] | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${VERSION_SUMMARY_COLUMNS} ${VERSIONS_FROM} WHERE v.message_id = $1 AND au.path <@ $2::ltree ORDER BY v.version_no DESC`,
      [messageId, scope.unitPath],
    );
    return rows.length > 0 ? rows.map(toVersionSummary) : null;
  }

  async version(scope: UnitScope, messageId: string, versionNo: number): Promise<VersionView | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${VERSION_SUMMARY_COLUMNS}, ${VERSION_CONTENT_COLUMNS} ${VERSIONS_FROM}
        WHERE v.message_id = $1 AND v.version_no = $2 AND au.path <@ $3::ltree`,
      [messageId, versionNo, scope.unitPath],
    );
    return rows[0] ? toVersionView(rows[0]) : null;
  }

  async isInScope(scope: UnitScope, messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM message m JOIN admin_unit au ON au.id = m.unit_id WHERE m.id = $1 AND au.path <@ $2::ltree`,
      [messageId, scope.unitPath],
    );
    return rows.length > 0;
  }

  /**
   * One round trip. The matching messages are found and numbered in sort order with the fewest joins
   * (the current version only when a filter or the sort reads it); only the page's rows are then joined
   * to everything the list shows. The count row is there even past the last page (its columns null).
   */
  private async page(
    where: string,
    params: unknown[],
    orderBy: string,
    page: { limit: number; offset: number },
    readsVersion: boolean,
  ): Promise<Paged<MessageSummary>> {
    const hitFrom = `FROM message m JOIN admin_unit au ON au.id = m.unit_id${
      readsVersion ? ' JOIN message_version v ON v.message_id = m.id AND v.version_no = m.current_version' : ''
    }`;
    const offset = params.length + 2;
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH hit AS (SELECT m.id, row_number() OVER (ORDER BY ${orderBy}) AS ord ${hitFrom} WHERE ${where})
       SELECT t.total, p.*
         FROM (SELECT count(*)::int AS total FROM hit) t
         LEFT JOIN LATERAL (
           SELECT ${MESSAGE_COLUMNS}, hit.ord FROM hit JOIN message m ON m.id = hit.id ${MESSAGE_JOINS}
            WHERE hit.ord > $${offset} AND hit.ord <= $${offset} + $${params.length + 1}
         ) p ON true
        ORDER BY p.ord`,
      [...params, page.limit, page.offset],
    );
    return { total: rows[0].total as number, items: rows.filter((r) => r.id !== null).map(toMessageSummary) };
  }

  private async update(messageId: string, assignments: string, params: unknown[], tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE message SET ${assignments}, row_version = row_version + 1, updated_at = now() WHERE id = $1`,
      [messageId, ...params],
    );
  }
}
