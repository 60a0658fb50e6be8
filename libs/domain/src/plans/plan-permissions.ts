import type { Actor } from '../access/actor.js';
import { ForbiddenActionError } from '../errors.js';

/** A unit's plan is issued by its leadership: supervisors and administrators of the unit or above. */
export function assertCanManagePlans(actor: Actor): void {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new ForbiddenActionError('plan.role', 'Chỉ lãnh đạo phụ trách hoặc quản trị viên mới được lập và sửa kế hoạch thông tin, tuyên truyền');
  }
}
