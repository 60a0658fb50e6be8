import { ForbiddenActionError } from '../errors.js';
import type { Actor, Role } from './actor.js';
import { assertCanManageUsers } from './permissions.js';

/**
 * Who may see and change user accounts. As everywhere, a user outside the caller's subtree is
 * "not found" (the repositories scope the read); these rules apply to users the caller can see.
 *
 * Supervisors and admins read the accounts of their subtree: a supervisor needs to know who drafts
 * in the units they approve for. Officers read only their own account; the list is refused to them.
 * Only admins change accounts, and never in a way that could lock themselves out or widen their
 * own power: no change of their own role or unit, no disabling themselves, no password reset of
 * their own account (that goes through the password change, which asks for the current password).
 */

export interface UserSubject {
  userId: string;
  unitPath: string;
}

export function assertCanListUsers(actor: Actor): void {
  if (actor.role === 'officer') {
    throw new ForbiddenActionError('user.list-role', 'Chỉ lãnh đạo phụ trách hoặc quản trị viên mới được xem danh sách người dùng');
  }
}

export function assertCanViewUser(actor: Actor, subject: UserSubject): void {
  if (actor.role === 'officer' && actor.userId !== subject.userId) {
    throw new ForbiddenActionError('user.view-role', 'Cán bộ chỉ được xem tài khoản của chính mình');
  }
}

export interface UserChange {
  role?: Role;
  /** Present when the user moves to another unit: that unit's path. */
  unitPath?: string;
}

export function assertCanChangeUser(actor: Actor, subject: UserSubject & { role: Role }, change: UserChange): void {
  assertCanManageUsers(actor, subject.unitPath);
  if (change.unitPath !== undefined) assertCanManageUsers(actor, change.unitPath);
  if (actor.userId !== subject.userId) return;
  if (change.role !== undefined && change.role !== subject.role) {
    throw new ForbiddenActionError('user.self-role', 'Không được tự thay đổi vai trò của chính mình');
  }
  if (change.unitPath !== undefined && change.unitPath !== subject.unitPath) {
    throw new ForbiddenActionError('user.self-unit', 'Không được tự chuyển tài khoản của chính mình sang đơn vị khác');
  }
}

export function assertCanDisableUser(actor: Actor, subject: UserSubject): void {
  assertCanManageUsers(actor, subject.unitPath);
  if (actor.userId === subject.userId) {
    throw new ForbiddenActionError('user.self-disable', 'Không được tự khóa tài khoản của chính mình');
  }
}

export function assertCanEnableUser(actor: Actor, subject: UserSubject): void {
  assertCanManageUsers(actor, subject.unitPath);
}

export function assertCanResetPassword(actor: Actor, subject: UserSubject): void {
  assertCanManageUsers(actor, subject.unitPath);
  if (actor.userId === subject.userId) {
    throw new ForbiddenActionError(
      'user.self-reset',
      'Không đặt lại mật khẩu của chính mình ở đây; hãy dùng chức năng đổi mật khẩu (cần mật khẩu hiện tại)',
    );
  }
}
