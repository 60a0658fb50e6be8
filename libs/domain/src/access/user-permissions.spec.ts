import { ForbiddenActionError } from '../errors.js';
import type { Actor, Role } from './actor.js';
import {
  assertCanChangeUser,
  assertCanDisableUser,
  assertCanEnableUser,
  assertCanListUsers,
  assertCanResetPassword,
  assertCanViewUser,
} from './user-permissions.js';

const DISTRICT = 'p1.d1';
const COMMUNE_A = 'p1.d1.ca';
const COMMUNE_B = 'p1.d2.cb';

const actor = (role: Role, unitPath = DISTRICT, userId = `${role}-1`): Actor => ({ userId, role, unitId: 'u', unitPath });
const subject = (userId: string, unitPath = COMMUNE_A, role: Role = 'officer') => ({ userId, unitPath, role });

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof ForbiddenActionError) return error.code;
    throw error;
  }
}

describe('who may read user accounts', () => {
  it('lets supervisors and admins list users, not officers', () => {
    expect(codeOf(() => assertCanListUsers(actor('admin')))).toBeNull();
    expect(codeOf(() => assertCanListUsers(actor('supervisor')))).toBeNull();
    expect(codeOf(() => assertCanListUsers(actor('officer')))).toBe('user.list-role');
  });

  it('lets an officer read their own account only', () => {
    const officer = actor('officer', COMMUNE_A, 'me');
    expect(codeOf(() => assertCanViewUser(officer, subject('me')))).toBeNull();
    expect(codeOf(() => assertCanViewUser(officer, subject('colleague')))).toBe('user.view-role');
    expect(codeOf(() => assertCanViewUser(actor('supervisor'), subject('colleague')))).toBeNull();
  });
});

describe('who may change user accounts', () => {
  it('refuses every change to officers and supervisors', () => {
    for (const role of ['officer', 'supervisor'] as const) {
      const caller = actor(role);
      expect(codeOf(() => assertCanChangeUser(caller, subject('x'), { role: 'officer' }))).toBe('user.admin-only');
      expect(codeOf(() => assertCanDisableUser(caller, subject('x')))).toBe('user.admin-only');
      expect(codeOf(() => assertCanEnableUser(caller, subject('x')))).toBe('user.admin-only');
      expect(codeOf(() => assertCanResetPassword(caller, subject('x')))).toBe('user.admin-only');
    }
  });

  it('lets an admin change a user of the subtree, moving them only within it', () => {
    const admin = actor('admin');
    expect(codeOf(() => assertCanChangeUser(admin, subject('x'), { role: 'supervisor', unitPath: `${DISTRICT}.cc` }))).toBeNull();
    expect(codeOf(() => assertCanChangeUser(admin, subject('x'), { unitPath: COMMUNE_B }))).toBe('user.out-of-scope');
    expect(codeOf(() => assertCanChangeUser(admin, subject('x', COMMUNE_B), {}))).toBe('user.out-of-scope');
  });

  it('refuses an admin a change of their own role or unit but allows their own name', () => {
    const admin = actor('admin', DISTRICT, 'me');
    const self = subject('me', DISTRICT, 'admin');
    expect(codeOf(() => assertCanChangeUser(admin, self, { role: 'officer' }))).toBe('user.self-role');
    expect(codeOf(() => assertCanChangeUser(admin, self, { unitPath: COMMUNE_A }))).toBe('user.self-unit');
    expect(codeOf(() => assertCanChangeUser(admin, self, { role: 'admin', unitPath: DISTRICT }))).toBeNull();
    expect(codeOf(() => assertCanChangeUser(admin, self, {}))).toBeNull();
  });

  it('refuses an admin disabling or resetting the password of their own account', () => {
    const admin = actor('admin', DISTRICT, 'me');
    expect(codeOf(() => assertCanDisableUser(admin, subject('me', DISTRICT)))).toBe('user.self-disable');
    expect(codeOf(() => assertCanResetPassword(admin, subject('me', DISTRICT)))).toBe('user.self-reset');
    expect(codeOf(() => assertCanDisableUser(admin, subject('other')))).toBeNull();
    expect(codeOf(() => assertCanResetPassword(admin, subject('other')))).toBeNull();
    expect(codeOf(() => assertCanEnableUser(admin, subject('other')))).toBeNull();
  });

  it('lets an admin manage a peer admin of the same unit but not the admin of the unit above', () => {
    const communeAdmin = actor('admin', COMMUNE_A, 'commune-admin');
    expect(codeOf(() => assertCanDisableUser(communeAdmin, subject('peer', COMMUNE_A, 'admin')))).toBeNull();
    expect(codeOf(() => assertCanDisableUser(communeAdmin, subject('boss', DISTRICT, 'admin')))).toBe('user.out-of-scope');
  });
});
