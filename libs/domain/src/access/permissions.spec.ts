import { ConflictError, ForbiddenActionError } from '../errors.js';
import type { Actor, Role } from './actor.js';
import {
  approvalUnitFor,
  assertCanAuthor,
  assertCanReadAudit,
  assertCanReview,
  assertIsReviewer,
  requireApprovalUnit,
  type UnitSupervisors,
} from './permissions.js';
import { isWithin } from './unit-path.js';

const PROVINCE = 'aaaa';
const DISTRICT = 'aaaa.bbbb';
const COMMUNE = 'aaaa.bbbb.cccc';
const OTHER_DISTRICT = 'aaaa.dddd';

function actor(role: Role, userId: string, unitId: string, unitPath: string): Actor {
  return { userId, role, unitId, unitPath };
}

function forbiddenCode(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ForbiddenActionError) return error.code;
    throw error;
  }
  return undefined;
}

describe('which units lie in a subtree', () => {
  it('the unit itself and everything below it', () => {
    expect(isWithin(DISTRICT, DISTRICT)).toBe(true);
    expect(isWithin(COMMUNE, DISTRICT)).toBe(true);
  });

  it('not its parent, a sibling, or a unit whose label merely starts the same', () => {
    expect(isWithin(PROVINCE, DISTRICT)).toBe(false);
    expect(isWithin(OTHER_DISTRICT, DISTRICT)).toBe(false);
    expect(isWithin('aaaa.bbbbx', DISTRICT)).toBe(false);
  });
});

describe('authoring', () => {
  it.each([
    ['officer', undefined],
    ['supervisor', undefined],
    ['admin', 'message.author-role'],
  ] as const)('%s → %s', (role, code) => {
    expect(forbiddenCode(() => assertCanAuthor(actor(role, 'u', 'unit', COMMUNE)))).toBe(code);
  });
});

describe('the approval unit', () => {
  const threeTier: UnitSupervisors[] = [
    { unitId: 'commune', supervisorIds: [] },
    { unitId: 'district', supervisorIds: ['sd'] },
    { unitId: 'province', supervisorIds: ['sp'] },
  ];
  const twoTier: UnitSupervisors[] = [
    { unitId: 'commune', supervisorIds: [] },
    { unitId: 'province', supervisorIds: ['sp'] },
  ];

  it('is the district in a three-tier area, not the province above it', () => {
    expect(approvalUnitFor(threeTier, 'officer')).toBe('district');
  });

  it('is the province when the area has no district level (after 1 July 2025)', () => {
    expect(approvalUnitFor(twoTier, 'officer')).toBe('province');
  });

  it('goes past a district that has no active supervisor to the province', () => {
    const districtWithoutSupervisor: UnitSupervisors[] = [
      { unitId: 'commune', supervisorIds: [] },
      { unitId: 'district', supervisorIds: [] },
      { unitId: 'province', supervisorIds: ['sp'] },
    ];
    expect(approvalUnitFor(districtWithoutSupervisor, 'officer')).toBe('province');
  });

  it("is the message's own unit when its leadership has a supervisor account", () => {
    const communeLeadership: UnitSupervisors[] = [{ unitId: 'commune', supervisorIds: ['sc'] }, ...threeTier.slice(1)];
    expect(approvalUnitFor(communeLeadership, 'officer')).toBe('commune');
  });

  it('skips a unit whose only supervisor wrote the version and goes one level up', () => {
    expect(approvalUnitFor(threeTier, 'sd')).toBe('province');
  });

  it('stays at a unit that has another supervisor besides the author', () => {
    const twoAtDistrict: UnitSupervisors[] = [
      { unitId: 'commune', supervisorIds: [] },
      { unitId: 'district', supervisorIds: ['sd', 'sd2'] },
      { unitId: 'province', supervisorIds: ['sp'] },
    ];
    expect(approvalUnitFor(twoAtDistrict, 'sd')).toBe('district');
  });

  it('does not assume any depth: works for a village four levels down', () => {
    const deep: UnitSupervisors[] = [
      { unitId: 'village', supervisorIds: [] },
      { unitId: 'commune', supervisorIds: [] },
      { unitId: 'district', supervisorIds: [] },
      { unitId: 'province', supervisorIds: ['sp'] },
    ];
    expect(approvalUnitFor(deep, 'officer')).toBe('province');
  });

  it('is nobody when the only supervisor in the chain is the author, or there is none', () => {
    expect(approvalUnitFor([{ unitId: 'province', supervisorIds: ['sp'] }], 'sp')).toBeNull();
    expect(approvalUnitFor([{ unitId: 'commune', supervisorIds: [] }], 'officer')).toBeNull();
    expect(approvalUnitFor([], 'officer')).toBeNull();
  });

  it('refuses a submit nobody could approve with a conflict that says what to do', () => {
    expect(requireApprovalUnit(twoTier, 'officer')).toBe('province');
    try {
      requireApprovalUnit([{ unitId: 'province', supervisorIds: ['sp'] }], 'sp');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('message.no-approver');
      expect((error as ConflictError).message).toContain('quản trị viên');
    }
  });
});

describe('reviewing', () => {
  const districtSupervisor = actor('supervisor', 'sd', 'district', DISTRICT);

  it('lets a supervisor of the approval unit review a version someone else wrote', () => {
    expect(forbiddenCode(() => assertCanReview(districtSupervisor, 'district', 'officer'))).toBeUndefined();
  });

  it('refuses self-approval, even by a supervisor of the approval unit', () => {
    expect(forbiddenCode(() => assertCanReview(districtSupervisor, 'district', 'sd'))).toBe('message.self-approval');
  });

  it('refuses a province supervisor while the district has a supervisor', () => {
    const provinceSupervisor = actor('supervisor', 'sp', 'province', PROVINCE);
    expect(forbiddenCode(() => assertCanReview(provinceSupervisor, 'district', 'officer'))).toBe('message.not-approver');
  });

  it('refuses a supervisor of the message unit when the approval unit is above it', () => {
    const communeSupervisor = actor('supervisor', 'sc', 'commune', COMMUNE);
    expect(forbiddenCode(() => assertCanReview(communeSupervisor, 'district', 'officer'))).toBe('message.not-approver');
  });

  it('refuses when no approval unit has been set (the message was never submitted)', () => {
    expect(forbiddenCode(() => assertCanReview(districtSupervisor, null, 'officer'))).toBe('message.not-approver');
  });

  it.each(['officer', 'admin'] as const)('refuses a %s, whatever the unit', (role) => {
    const other = actor(role, 'x', 'district', DISTRICT);
    expect(forbiddenCode(() => assertCanReview(other, 'district', 'officer'))).toBe('message.review-role');
    expect(forbiddenCode(() => assertIsReviewer(other))).toBe('message.review-role');
  });

  it('names the role first when an officer tries to approve their own version', () => {
    const officer = actor('officer', 'o', 'district', DISTRICT);
    expect(forbiddenCode(() => assertCanReview(officer, 'district', 'o'))).toBe('message.review-role');
  });
});

describe('reading the audit log', () => {
  it.each([
    ['supervisor', undefined],
    ['admin', undefined],
    ['officer', 'audit.role'],
  ] as const)('%s → %s', (role, code) => {
    expect(forbiddenCode(() => assertCanReadAudit(actor(role, 'u', 'unit', DISTRICT)))).toBe(code);
  });
});
