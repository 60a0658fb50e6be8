/**
 * The message shapes the screens read (the API's MessageDto, VersionDto, …), declared here so the
 * pages do not depend on how the generated client names its schemas.
 */
export type MessageStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type Priority = 'normal' | 'priority' | 'emergency';

export interface Renditions {
  sms?: string;
  loudspeaker?: string;
  social?: string;
  board?: { title: string; body: string };
}

export interface MessageContent {
  title: string;
  body: string;
  contentGroup: string;
  reformAreas: string[];
  indices: string[];
  audiences: string[];
  priority: Priority;
  renditions: Renditions;
  attachmentIds: string[];
}

export interface VersionSummary {
  versionNo: number;
  title: string;
  contentGroup: string;
  priority: Priority;
  authorId: string;
  authorName: string | null;
  createdAt: string;
}

export type VersionView = VersionSummary & MessageContent;

interface MessageHead {
  id: string;
  unitId: string;
  unitName: string;
  status: MessageStatus;
  currentVersion: number;
  approvedVersion: number | null;
  approvalUnitId: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageView extends MessageHead {
  version: VersionView;
}

export interface MessageSummary extends MessageHead {
  version: VersionSummary;
  /** The list answer names the author and unit (contract); older answers carry them on the version only. */
  authorName?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  versionNo: number | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface Attachment {
  id: string;
  kind: 'audio' | 'image';
  contentType: string;
  sizeBytes: number;
  originalName: string;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface ContentModel {
  contentGroups: CodeLabel[];
  reformAreas: CodeLabel[];
  indices: CodeLabel[];
  audiences: CodeLabel[];
  priorities: CodeLabel[];
  renditionChannels: CodeLabel[];
  limits: Record<string, number>;
  /** The estimated price per SMS part and the upload limits the API enforces. */
  sms?: { pricePerPartVnd: number; defaultMaxParts: number };
  uploads?: { maxImageBytes: number; maxAudioBytes: number };
}
