import type { Audience, ContentGroup, MessageStatus, Priority, ReformArea, ReformIndex } from '#domain/index.js';
import type { Renditions } from '../entities/index.js';

/** The content of one version, as written by an author. */
export interface MessageContent {
  title: string;
  body: string;
  contentGroup: ContentGroup;
  reformAreas: ReformArea[];
  indices: ReformIndex[];
  audiences: Audience[];
  priority: Priority;
  renditions: Renditions;
  attachmentIds: string[];
}

export interface VersionView extends MessageContent {
  versionNo: number;
  authorId: string;
  authorName: string | null;
  createdAt: Date;
}

export type VersionSummary = Pick<VersionView, 'versionNo' | 'title' | 'contentGroup' | 'priority' | 'authorId' | 'authorName' | 'createdAt'>;

interface MessageHead {
  id: string;
  unitId: string;
  unitName: string;
  status: MessageStatus;
  currentVersion: number;
  approvedVersion: number | null;
  approvalUnitId: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageView extends MessageHead {
  version: VersionView;
}

export interface MessageSummary extends MessageHead {
  /** The current version's author, for the list's column. */
  authorName: string | null;
  version: VersionSummary;
}

export const MESSAGE_SORT_FIELDS = ['updatedAt', 'createdAt', 'title', 'status', 'priority'] as const;
export type MessageSortField = (typeof MESSAGE_SORT_FIELDS)[number];

/** The sorts that read the current version. */
export const VERSION_SORTS: readonly MessageSortField[] = ['title', 'priority'];

/** Statuses and priorities sort in their workflow and urgency order, not alphabetically. */
export const rankOf = (column: string, order: readonly string[]) => `array_position(ARRAY[${order.map((v) => `'${v}'`).join(',')}], ${column})`;

export interface Paged<T> {
  items: T[];
  total: number;
}

type Row = Record<string, unknown>;

/** Columns of toVersionSummary; aliases of the tables: v (message_version), author (app_user). */
export const VERSION_SUMMARY_COLUMNS = `v.version_no, v.author_id, author.display_name AS author_name, v.title, v.content_group, v.priority,
  v.created_at AS version_created_at`;

/** Columns of a message with its unit and current version; aliases of the tables: m, au, v, author. */
export const MESSAGE_COLUMNS = `
  m.id, m.unit_id, au.full_name AS unit_name, m.status, m.current_version, m.approved_version, m.approval_unit_id,
  m.submitted_at, m.approved_at, m.approved_by, m.created_at, m.updated_at, ${VERSION_SUMMARY_COLUMNS}`;

export const VERSION_CONTENT_COLUMNS = `v.body, v.reform_areas, v.indices, v.audiences, v.renditions, v.attachment_ids::text[] AS attachment_ids`;

/** What a message row (alias m) is joined to for MESSAGE_COLUMNS. */
export const MESSAGE_JOINS = `
  JOIN admin_unit au ON au.id = m.unit_id
  JOIN message_version v ON v.message_id = m.id AND v.version_no = m.current_version
  LEFT JOIN app_user author ON author.id = v.author_id`;

export const MESSAGE_FROM = `
  FROM message m ${MESSAGE_JOINS}`;

export function toVersionSummary(r: Row): VersionSummary {
  return {
    versionNo: r.version_no as number,
    title: r.title as string,
    contentGroup: r.content_group as ContentGroup,
    priority: r.priority as Priority,
    authorId: r.author_id as string,
    authorName: r.author_name as string | null,
    createdAt: r.version_created_at as Date,
  };
}

export function toVersionView(r: Row): VersionView {
  return {
    ...toVersionSummary(r),
    body: r.body as string,
    reformAreas: r.reform_areas as ReformArea[],
    indices: r.indices as ReformIndex[],
    audiences: r.audiences as Audience[],
    renditions: r.renditions as Renditions,
    attachmentIds: r.attachment_ids as string[],
  };
}

function toHead(r: Row): MessageHead {
  return {
    id: r.id as string,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    status: r.status as MessageStatus,
    currentVersion: r.current_version as number,
    approvedVersion: r.approved_version as number | null,
    approvalUnitId: r.approval_unit_id as string | null,
    submittedAt: r.submitted_at as Date | null,
    approvedAt: r.approved_at as Date | null,
    approvedBy: r.approved_by as string | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export function toMessageView(r: Row): MessageView {
  return { ...toHead(r), version: toVersionView(r) };
}

export function toMessageSummary(r: Row): MessageSummary {
  return { ...toHead(r), authorName: r.author_name as string | null, version: toVersionSummary(r) };
}
