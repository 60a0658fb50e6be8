import { ConflictError } from '../errors.js';
import {
  assertNamesCurrentVersion,
  canTransition,
  INITIAL_STATUS,
  MESSAGE_STATUSES,
  nextStatus,
  type MessageStatus,
  type VersionedAction,
} from './message-workflow.js';

/** The whole table: every (status, action) pair and what it leads to; null means refused. */
const EXPECTED: Record<MessageStatus, Record<VersionedAction, MessageStatus | null>> = {
  draft: { edit: 'draft', submit: 'submitted', approve: null, return: null },
  submitted: { edit: 'draft', submit: null, approve: 'approved', return: 'returned' },
  approved: { edit: 'draft', submit: null, approve: null, return: null },
  returned: { edit: 'draft', submit: null, approve: null, return: null },
};

const cases = MESSAGE_STATUSES.flatMap((status) =>
  (Object.keys(EXPECTED[status]) as VersionedAction[]).map((action) => [status, action, EXPECTED[status][action]] as const),
);

describe('message workflow state machine', () => {
  it('starts every message as a draft', () => {
    expect(INITIAL_STATUS).toBe('draft');
  });

  it.each(cases)('%s --%s--> %s', (status, action, expected) => {
    expect(canTransition(status, action)).toBe(expected !== null);
    if (expected === null) {
      expect(() => nextStatus(status, action)).toThrow(ConflictError);
    } else {
      expect(nextStatus(status, action)).toBe(expected);
    }
  });

  it('walks the whole flow: draft → submitted → returned → (edit) draft → submitted → approved → (edit) draft', () => {
    let status: MessageStatus = INITIAL_STATUS;
    for (const [action, expected] of [
      ['submit', 'submitted'],
      ['return', 'returned'],
      ['edit', 'draft'],
      ['submit', 'submitted'],
      ['approve', 'approved'],
      ['edit', 'draft'],
    ] as const) {
      status = nextStatus(status, action);
      expect(status).toBe(expected);
    }
  });

  it('refuses with a stable code and a Vietnamese message naming the action and the state', () => {
    try {
      nextStatus('approved', 'approve');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('message.invalid-transition');
      expect((error as ConflictError).message).toBe('Không thể duyệt tin bài đang ở trạng thái đã duyệt');
    }
  });

  it('refuses a returned message being resubmitted without an edit', () => {
    expect(() => nextStatus('returned', 'submit')).toThrow('Không thể gửi duyệt tin bài đang ở trạng thái bị trả lại');
  });
});

describe('acting on the current version only', () => {
  it.each(['edit', 'submit', 'approve', 'return'] as const)('accepts %s of the current version', (action) => {
    expect(() => assertNamesCurrentVersion(3, 3, action)).not.toThrow();
  });

  it.each([
    ['edit', 'sửa tiếp từ phiên bản 2'],
    ['submit', 'gửi duyệt phiên bản 2'],
    ['approve', 'duyệt phiên bản 2'],
    ['return', 'trả lại phiên bản 2'],
  ] as const)('refuses %s of an older version and says which one is current', (action, wording) => {
    try {
      assertNamesCurrentVersion(3, 2, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('message.stale-version');
      expect((error as ConflictError).message).toContain('đã có phiên bản 3');
      expect((error as ConflictError).message).toContain(wording);
    }
  });

  it('refuses a version from the future as well', () => {
    expect(() => assertNamesCurrentVersion(1, 2, 'approve')).toThrow(ConflictError);
  });
});
