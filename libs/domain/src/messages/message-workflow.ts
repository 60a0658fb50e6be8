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

const TRANSITIONS: Record<Exclude<WorkflowAction, 'create'>, { from: readonly MessageStatus[]; to: MessageStatus }> = {
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

const ACTION_LABELS: Record<Exclude<WorkflowAction, 'create'>, string> = {
  edit: 'sửa',
  submit: 'gửi duyệt',
  approve: 'duyệt',
  return: 'trả lại',
};

export function canTransition(status: MessageStatus, action: Exclude<WorkflowAction, 'create'>): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after the action, or a ConflictError saying why the action is not possible now. */
export function nextStatus(status: MessageStatus, action: Exclude<WorkflowAction, 'create'>): MessageStatus {
  if (!canTransition(status, action)) {
    throw new ConflictError(
      `message.invalid-transition`,
      `Không thể ${ACTION_LABELS[action]} tin bài đang ở trạng thái ${STATUS_LABELS[status]}`,
    );
  }
  return TRANSITIONS[action].to;
}

/** A reviewer must name the version they read: approving a newer one they have not seen is refused. */
export function assertReviewingCurrentVersion(currentVersion: number, reviewedVersion: number): void {
  if (currentVersion !== reviewedVersion) {
    throw new ConflictError(
      'message.stale-version',
      `Tin bài đã có phiên bản ${currentVersion}; bạn đang duyệt phiên bản ${reviewedVersion}. Hãy tải lại và xem bản mới.`,
    );
  }
}
