import { ConflictError } from '../errors.js';

/**
 * The approval workflow of a reform message.
 *   draft ──submit──▶ submitted ──approve──▶ approved
 *                        │ return (comment)
 *                        ▼
 *                     returned
 * edit (a new version) from any state makes the message a draft again: an approved message that
 * is edited must be approved again, a submitted one is withdrawn, a returned one can be resubmitted.
 */
export const MESSAGE_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['create', 'edit', 'submit', 'approve', 'return'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
/** The actions on an existing message; each names the version it acts on. */
export type VersionedAction = Exclude<WorkflowAction, 'create'>;

/** A new message starts as a draft of version 1. */
export const INITIAL_STATUS: MessageStatus = 'draft';

const TRANSITIONS: Record<VersionedAction, { from: readonly MessageStatus[]; to: MessageStatus }> = {
  edit: { from: ['draft', 'submitted', 'approved', 'returned'], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

const STATUS_LABELS: Record<MessageStatus, string> = {
  draft: 'bản nháp',
  submitted: 'chờ duyệt',
  approved: 'đã duyệt',
  returned: 'bị trả lại',
};

const ACTION_LABELS: Record<VersionedAction, string> = {
  edit: 'sửa',
  submit: 'gửi duyệt',
  approve: 'duyệt',
  return: 'trả lại',
};

export function canTransition(status: MessageStatus, action: VersionedAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after the action, or a ConflictError saying why the action is not possible now. */
export function nextStatus(status: MessageStatus, action: VersionedAction): MessageStatus {
  if (!canTransition(status, action)) {
    throw new ConflictError(
      'message.invalid-transition',
      `Không thể ${ACTION_LABELS[action]} tin bài đang ở trạng thái ${STATUS_LABELS[status]}`,
    );
  }
  return TRANSITIONS[action].to;
}

const NAMING_LABELS: Record<VersionedAction, string> = {
  edit: 'sửa tiếp từ',
  submit: 'gửi duyệt',
  approve: 'duyệt',
  return: 'trả lại',
};

/**
 * Every change names the version it was made from: an editor the version they started from, a
 * submitter the version they send, a reviewer the version they read. When someone else changed the
 * message in between, acting would silently apply to content the caller has not seen.
 */
export function assertNamesCurrentVersion(currentVersion: number, namedVersion: number, action: VersionedAction): void {
  if (currentVersion !== namedVersion) {
    throw new ConflictError(
      'message.stale-version',
      `Tin bài đã có phiên bản ${currentVersion}; bạn đang ${NAMING_LABELS[action]} phiên bản ${namedVersion}. Hãy tải lại và xem bản mới.`,
    );
  }
}
