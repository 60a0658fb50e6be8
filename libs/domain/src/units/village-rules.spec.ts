import type { Actor } from '../access/actor.js';
import { ConflictError, ForbiddenActionError } from '../errors.js';
import { assertCanEditVillage, assertLocalVillage, assertNoTwinVillage, assertUnused, usageProblems, type UnitUsage } from './village-rules.js';

const actor = (role: Actor['role']): Actor => ({ userId: 'u', role, unitId: 'c', unitPath: 'p.c' });
const unused: UnitUsage = {
  childUnits: 0,
  subscribers: 0,
  stations: 0,
  stationGroups: 0,
  boards: 0,
  broadcasts: 0,
  messages: 0,
  attachments: 0,
  users: 0,
  channelAccounts: 0,
  subscriberImports: 0,
};

describe('village rules', () => {
  it('lets officers and admins edit villages, not supervisors', () => {
    expect(() => assertCanEditVillage(actor('officer'))).not.toThrow();
    expect(() => assertCanEditVillage(actor('admin'))).not.toThrow();
    expect(() => assertCanEditVillage(actor('supervisor'))).toThrow(ForbiddenActionError);
  });

  it('edits only villages created locally', () => {
    expect(() => assertLocalVillage({ level: 'village', source: 'local', fullName: 'Thôn A' })).not.toThrow();
    expect(() => assertLocalVillage({ level: 'commune', source: 'local', fullName: 'Xã B' })).toThrow(/cấp xã/);
    expect(() => assertLocalVillage({ level: 'village', source: 'vn-2025', fullName: 'Thôn C' })).toThrow(/danh mục hành chính chính thức/);
  });

  it('refuses a name a sibling already has, ignoring diacritics and case, but not the village being renamed', () => {
    const commune = { fullName: 'Xã Tân Lập' };
    const siblings = [{ id: 'v1', name: 'Đông', fullName: 'Thôn Đông' }];
    expect(() => assertNoTwinVillage(commune, siblings, { name: 'dong', fullName: 'Tổ dân phố dong' })).toThrow(
      '"Xã Tân Lập" đã có "Thôn Đông" (trùng tên)',
    );
    expect(() => assertNoTwinVillage(commune, siblings, { name: 'Đông', fullName: 'Thôn Đông' }, 'v1')).not.toThrow();
    expect(() => assertNoTwinVillage(commune, siblings, { name: 'Tây', fullName: 'Thôn Tây' })).not.toThrow();
  });

  it('names every kind of use with its count, and lets an unused village go', () => {
    expect(usageProblems(unused)).toEqual([]);
    expect(() => assertUnused({ fullName: 'Thôn A' }, unused)).not.toThrow();
    const used = { ...unused, users: 2, broadcasts: 1, childUnits: 1 };
    expect(usageProblems(used)).toEqual([
      { field: 'broadcasts', rule: 'in-use', message: '1 lượt phát' },
      { field: 'users', rule: 'in-use', message: '2 tài khoản người dùng' },
      { field: 'childUnits', rule: 'in-use', message: '1 đơn vị trực thuộc' },
    ]);
    expect(() => assertUnused({ fullName: 'Thôn A' }, used)).toThrow(ConflictError);
  });
});
