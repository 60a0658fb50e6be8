import { ConflictError, ForbiddenActionError } from '../errors.js';
import type { Actor, Role } from './actor.js';
import { isWithin } from './unit-path.js';

/**
 * Permission rules, free of any framework. Reads outside the caller's subtree are answered
 * "not found" by the repositories (scoped queries); these rules decide what a caller who can see
 * a thing may do with it.
 */

const AUTHOR_ROLES: readonly Role[] = ['officer', 'supervisor'];

export function assertCanAuthor(actor: Actor): void {
  if (!AUTHOR_ROLES.includes(actor.role)) {
    throw new ForbiddenActionError('message.author-role', 'Chỉ cán bộ hoặc lãnh đạo phụ trách mới được soạn tin bài');
  }
}

export interface UnitSupervisors {
  unitId: string;
  supervisorIds: readonly string[];
}

/**
 * The unit whose supervisors approve a version: walking from the message's unit up to the root,
 * the first unit that has an active supervisor other than the version's author. In a three-tier
 * area that is the district, after 2025 the province (or the commune itself where its leadership
 * has a supervisor account). Returns null when nobody can approve.
 */
export function approvalUnitFor(chainNearestFirst: readonly UnitSupervisors[], versionAuthorId: string): string | null {
  for (const unit of chainNearestFirst) {
    if (unit.supervisorIds.some((id) => id !== versionAuthorId)) return unit.unitId;
  }
  return null;
}

/**
 * approvalUnitFor, for a submit: a message nobody may approve cannot wait in anyone's inbox, so the
 * submit is refused with what to do about it.
 */
export function requireApprovalUnit(chainNearestFirst: readonly UnitSupervisors[], versionAuthorId: string): string {
  const unitId = approvalUnitFor(chainNearestFirst, versionAuthorId);
  if (unitId === null) {
    throw new ConflictError(
      'message.no-approver',
      'Chưa có lãnh đạo phụ trách nào ở đơn vị này hoặc cấp trên có thể duyệt tin bài (người duyệt phải khác người soạn). Hãy liên hệ quản trị viên.',
    );
  }
  return unitId;
}

export function assertIsReviewer(actor: Actor): void {
  if (actor.role !== 'supervisor') {
    throw new ForbiddenActionError('message.review-role', 'Chỉ lãnh đạo phụ trách (supervisor) mới được duyệt hoặc trả lại tin bài');
  }
}

/** Checked in this order so the refusal names the most specific reason: role, own version, then the approving unit. */
export function assertCanReview(actor: Actor, approvalUnitId: string | null, versionAuthorId: string): void {
  assertIsReviewer(actor);
  if (actor.userId === versionAuthorId) {
    throw new ForbiddenActionError('message.self-approval', 'Không được tự duyệt phiên bản do chính mình soạn');
  }
  if (approvalUnitId === null || actor.unitId !== approvalUnitId) {
    throw new ForbiddenActionError(
      'message.not-approver',
      'Tin bài này do lãnh đạo của đơn vị cấp trên gần nhất có người duyệt phê duyệt, không phải đơn vị của bạn',
    );
  }
}

/** The audit log of a subtree is read by those who answer for it: its supervisors and administrators. */
export function assertCanReadAudit(actor: Actor): void {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new ForbiddenActionError('audit.role', 'Chỉ lãnh đạo phụ trách hoặc quản trị viên mới được xem nhật ký hoạt động');
  }
}

export function assertCanManageUsers(actor: Actor, targetUnitPath: string): void {
  if (actor.role !== 'admin') {
    throw new ForbiddenActionError('user.admin-only', 'Chỉ quản trị viên mới được quản lý người dùng');
  }
  if (!isWithin(targetUnitPath, actor.unitPath)) {
    throw new ForbiddenActionError('user.out-of-scope', 'Đơn vị nằm ngoài phạm vi quản lý của bạn');
  }
}

/** Villages (thôn, tổ dân phố) are added by the commune's officers or by an admin of the area. */
export function assertCanAddVillage(actor: Actor): void {
  if (actor.role === 'officer' || actor.role === 'admin') return;
  throw new ForbiddenActionError('unit.village-role', 'Chỉ cán bộ của xã hoặc quản trị viên mới được thêm thôn, tổ dân phố');
}
